// Saved filters, from the local store (so they work offline): one click applies one; the owner
// may rename (and share or unshare) or delete theirs. Colleagues' shared filters are listed too.
import { createSignal, For, lazy, Show, type JSX } from 'solid-js';
import type { SyncFilter } from '../../domain';
import { t } from '../../i18n';
import { Icon } from '../../ui';
import { createLive } from '../data/live';
import { currentStore } from '../data/store';
import { currentMe } from '../session';
import { parseTaskFilter, sameFilter, type TaskFilter } from './task-filter';

const SaveFilterDialog = lazy(() => import('./SaveFilterDialog'));
const DeleteFilterDialog = lazy(() => import('./DeleteFilterDialog'));

export function SavedFilters(props: {
  current: TaskFilter;
  onApply: (filter: TaskFilter) => void;
}): JSX.Element {
  const filters = createLive(() => currentStore()?.queries.filters(), []);
  const isCurrent = (saved: SyncFilter) => sameFilter(parseTaskFilter(saved.query), props.current);
  const mine = (saved: SyncFilter) => saved.ownerId === currentMe()?.user.id;
  const [renaming, setRenaming] = createSignal<SyncFilter | null>(null);
  const [deleting, setDeleting] = createSignal<SyncFilter | null>(null);
  // The chip's button that opened a dialog; focus returns there (or to the list if it is gone).
  let opener: HTMLElement | undefined;
  let list: HTMLUListElement | undefined;
  const open = (event: MouseEvent, set: () => void) => {
    opener = event.currentTarget as HTMLElement;
    set();
  };
  const returnFocus = () =>
    opener?.isConnected ? opener : (list?.querySelector<HTMLElement>('button') ?? undefined);

  return (
    <section class="saved-filters" aria-labelledby="saved-filters-heading">
      <h2 id="saved-filters-heading" class="visually-hidden">
        {t('tasks.filters.saved')}
      </h2>
      <Show
        when={filters().length > 0}
        fallback={
          <p class="muted saved-filters-empty">
            <Show when={filters.ready()}>{t('tasks.filters.noneSaved')}</Show>
          </p>
        }
      >
        <ul class="chip-list" aria-label={t('tasks.filters.saved')} ref={list}>
          <For each={filters()}>
            {(saved) => (
              <li class="chip" classList={{ 'chip-current': isCurrent(saved) }}>
                <button
                  type="button"
                  class="chip-button"
                  aria-label={t('tasks.filters.apply', { name: saved.name })}
                  aria-pressed={isCurrent(saved)}
                  onClick={() => props.onApply(parseTaskFilter(saved.query))}
                >
                  {saved.name}
                  <Show when={saved.shared}>
                    <span class="chip-badge">{t('tasks.filters.sharedBadge')}</span>
                  </Show>
                </button>
                <Show when={mine(saved)}>
                  <button
                    type="button"
                    class="chip-action"
                    aria-label={t('tasks.filters.rename', { name: saved.name })}
                    title={t('tasks.filters.rename', { name: saved.name })}
                    onClick={(e) => open(e, () => setRenaming(saved))}
                  >
                    <span aria-hidden="true">✎</span>
                  </button>
                  <button
                    type="button"
                    class="chip-action chip-remove"
                    aria-label={t('tasks.filters.delete', { name: saved.name })}
                    title={t('tasks.filters.delete', { name: saved.name })}
                    onClick={(e) => open(e, () => setDeleting(saved))}
                  >
                    <Icon name="close" />
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={renaming()}>
        {(saved) => (
          <SaveFilterDialog
            editing={saved()}
            onClose={() => setRenaming(null)}
            returnFocus={returnFocus}
          />
        )}
      </Show>
      <Show when={deleting()}>
        {(saved) => (
          <DeleteFilterDialog
            filter={saved()}
            onClose={() => setDeleting(null)}
            returnFocus={returnFocus}
          />
        )}
      </Show>
    </section>
  );
}
