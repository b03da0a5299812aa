import { createSignal, lazy, Show, type JSX } from 'solid-js';
import type { Me } from '../../domain';
import { t } from '../../i18n';
import { Icon } from '../../ui';

const InstanceDialog = lazy(() => import('./InstanceDialog'));

export function InstanceSwitcher(props: { me: Me }): JSX.Element {
  const [open, setOpen] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  return (
    <>
      <button
        ref={button}
        type="button"
        class="btn btn-ghost switch-button"
        aria-haspopup="dialog"
        aria-expanded={open()}
        onClick={() => setOpen(true)}
      >
        <Icon name="switch" />
        <span class="switch-label">{t('shell.switchInstance')}</span>
      </button>
      <Show when={open()}>
        <InstanceDialog me={props.me} onClose={() => setOpen(false)} returnFocus={() => button} />
      </Show>
    </>
  );
}
