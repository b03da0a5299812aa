import { Dialog } from '@kobalte/core/dialog';
import { DialogFrame } from '../../ui/DialogFrame';
import { useNavigate } from '@solidjs/router';
import { createSignal, For, type JSX } from 'solid-js';
import type { Me } from '../../domain';
import { t } from '../../i18n';
import { describeError } from '../errors';
import { switchInstance } from '../session';

export default function InstanceDialog(props: {
  me: Me;
  onClose: () => void;
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  const navigate = useNavigate();
  const [error, setError] = createSignal('');
  const [pending, setPending] = createSignal(false);

  async function pick(instanceId: string) {
    if (pending()) return;
    if (instanceId === props.me.currentInstance?.id) return props.onClose();
    setPending(true);
    setError('');
    const result = await switchInstance(instanceId);
    setPending(false);
    if (!result.ok) return setError(describeError(result.error));
    props.onClose();
    navigate('/tasks');
  }

  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <DialogFrame title={t('shell.switchInstance')} returnFocus={props.returnFocus}>
        <div class="alert alert-error" role="alert">
          {error()}
        </div>
        <ul class="choice-list">
          <For each={props.me.memberships}>
            {(membership) => {
              const current = () => props.me.currentInstance?.id === membership.instanceId;
              const metaId = `switch-${membership.instanceId}-meta`;
              return (
                <li>
                  <button
                    type="button"
                    class="choice"
                    aria-label={membership.instanceName}
                    aria-describedby={metaId}
                    aria-current={current() ? 'true' : undefined}
                    disabled={pending()}
                    onClick={() => void pick(membership.instanceId)}
                  >
                    <span>{membership.instanceName}</span>
                    <span class="choice-meta" id={metaId}>
                      {t(`roles.${membership.role}`)}
                      {current() ? ` · ${t('instances.current')}` : ''}
                    </span>
                  </button>
                </li>
              );
            }}
          </For>
        </ul>
      </DialogFrame>
    </Dialog>
  );
}
