// Saved filters, from the local store (so they work offline): one click applies one; the owner
// may delete theirs. Shared filters of colleagues are listed too.
import { For, Show, type JSX } from 'solid-js';
import type { SyncFilter } from '../../domain';
import { t } from '../../i18n';
import { Icon } from '../../ui';
import { createLive } from '../data/live';
import { currentStore, withStore } from '../data/store';
import { currentMe } from '../session';
import { filterToQuery, parseTaskFilter, type TaskFilter } from './task-filter';

export function SavedFilters(props: {
  current: TaskFilter;
  onApply: (filter: TaskFilter) => void;
}): JSX.Element {
  const filters = createLive(() => currentStore()?.queries.filters(), []);
  const isCurrent = (saved: SyncFilter) =>
    JSON.stringify(filterToQuery(parseTaskFilter(saved.query))) ===
    JSON.stringify(filterToQuery(props.current));
  const mine = (saved: SyncFilter) => saved.ownerId === currentMe()?.user.id;

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
        <ul class="chip-list" aria-label={t('tasks.filters.saved')}>
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
                </button>
                <Show when={mine(saved)}>
                  <button
                    type="button"
                    class="chip-remove"
                    aria-label={t('tasks.filters.delete', { name: saved.name })}
                    onClick={() =>
                      void withStore((store) => store.mutate('filter.delete', { id: saved.id }))
                    }
                  >
                    <Icon name="close" />
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
