// "Mentions": comments of the last day that name me (@Bob), newest first, each a link to its task.
import { Dialog } from '@kobalte/core/dialog';
import { A } from '@solidjs/router';
import { createMemo, For, Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import { DialogFrame } from '../../ui/DialogFrame';
import { createLive } from '../data/live';
import { currentStore } from '../data/store';
import { formatDateTime } from './format';

export interface MentionLine {
  id: string;
  taskId: string;
  taskTitle: string;
  actorId: string | null;
  createdAt: string;
}

export default function MentionsDialog(props: {
  mentions: MentionLine[];
  onClose: () => void;
  returnFocus: () => HTMLElement | undefined;
}): JSX.Element {
  const members = createLive(() => currentStore()?.queries.members(), []);
  const names = createMemo(() => new Map(members().map((m) => [m.userId, m.name])));
  return (
    <Dialog open onOpenChange={(open) => !open && props.onClose()}>
      <DialogFrame title={t('tasks.mentions.title')} returnFocus={props.returnFocus}>
        <Show
          when={props.mentions.length > 0}
          fallback={<p class="muted">{t('tasks.mentions.none')}</p>}
        >
          <ul class="offer-list" aria-label={t('tasks.mentions.title')}>
            <For each={props.mentions}>
              {(mention) => (
                <li class="offer-item">
                  <p>
                    {t('tasks.mentions.item', {
                      name:
                        (mention.actorId ? names().get(mention.actorId) : undefined) ??
                        t('tasks.log.someone'),
                      title: mention.taskTitle,
                    })}{' '}
                    <time class="muted" datetime={mention.createdAt}>
                      {formatDateTime(mention.createdAt)}
                    </time>
                  </p>
                  <A href={`/tasks/${mention.taskId}`} onClick={() => props.onClose()}>
                    {t('tasks.offers.open', { title: mention.taskTitle })}
                  </A>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </DialogFrame>
    </Dialog>
  );
}
