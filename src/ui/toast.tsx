// `showToast` from anywhere; the region mounts (and Kobalte's toast code loads) on first use.
import { createSignal, lazy, Show, type JSX } from 'solid-js';

export interface ToastAction {
  label: string;
  onClick: () => void;
}

export interface ToastOptions {
  /** Stays until the user acts on it or dismisses it. */
  persistent?: boolean;
  action?: ToastAction;
}

const [wanted, setWanted] = createSignal(false);
const LazyRegion = lazy(() => import('./toast-region'));

/** Place once, near the root of the app. */
export function ToastHost(): JSX.Element {
  return (
    <Show when={wanted()}>
      <LazyRegion />
    </Show>
  );
}

export async function showToast(message: string, options: ToastOptions = {}): Promise<void> {
  setWanted(true);
  const region = await import('./toast-region');
  region.show(message, options);
}
