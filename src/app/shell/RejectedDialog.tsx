// The changes the server refused, each with its reason: retry (queued again with a new seq) or
// discard. Nothing is dropped silently; this list is where a refused change ends up.
import { Dialog } from '@kobalte/core/dialog';
import { For, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { DialogFrame } from '../../ui/DialogFrame';
import { createLive } from '../data/live';
import { currentStore } from '../data/store';
import { describeMutation } from './describe-mutation';

const timeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export default function RejectedDialog(props: {
  onClose: () => void;
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  const rejected = createLive(() => currentStore()?.queries.rejectedList(), []);
  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <DialogFrame title={t('sync.rejectedTitle')} returnFocus={props.returnFocus}>
        <p class="dialog-text">{t('sync.rejectedIntro')}</p>
        <Show when={rejected().length > 0} fallback={<p>{t('sync.noneRejected')}</p>}>
          <ul class="rejected-list" aria-label={t('sync.rejectedTitle')}>
            <For each={rejected()}>
              {(row) => (
                <li class="rejected-item">
                  <div>
                    <strong>{t(`sync.mutation.${row.mutation.name}`)}</strong>
                    <span class="muted"> · {describeMutation(row.mutation)}</span>
                    <p class="rejected-reason">{row.message}</p>
                    <time class="muted" datetime={row.mutation.createdAt}>
                      {timeFormat.format(new Date(row.mutation.createdAt))}
                    </time>
                  </div>
                  <div class="rejected-actions">
                    <button
                      type="button"
                      class="btn"
                      onClick={() => void currentStore()?.retryRejected(row.id)}
                    >
                      {t('sync.retry')}
                    </button>
                    <button
                      type="button"
                      class="btn btn-ghost"
                      onClick={() => void currentStore()?.discardRejected(row.id)}
                    >
                      {t('sync.discard')}
                    </button>
                  </div>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </DialogFrame>
    </Dialog>
  );
}
