import { flatten, resolveTemplate, translator } from '@solid-primitives/i18n';
import { createSignal } from 'solid-js';
import { en, type Messages } from './en';

export type { Messages } from './en';
export type Locale = 'en';

// Flattened once per language; `t` reads the current one so a language switch re-renders.
const catalogues: Record<Locale, ReturnType<typeof flatten<Messages>>> = {
  en: flatten<Messages>(en),
};

const [locale, setLocale] = createSignal<Locale>('en');
export { locale, setLocale };

// Reading `locale()` inside the dictionary getter makes every `t()` call in JSX reactive.
// eslint-disable-next-line solid/reactivity
export const t = translator(() => catalogues[locale()], resolveTemplate);
