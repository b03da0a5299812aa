// The list's filter controls: text search, status, assignee and type, each a labelled native
// control (keyboard and screen readers for free). Typing in the search waits for a pause.
import { createSignal, For, onCleanup, type JSX } from 'solid-js';
import { taskStatuses, taskTypes, type SyncMember } from '../../domain';
import { t } from '../../i18n';
import { isEmptyFilter, type TaskFilter } from './task-filter';

export function FilterBar(props: {
  filter: TaskFilter;
  members: SyncMember[];
  onChange: (filter: TaskFilter) => void;
}): JSX.Element {
  const set = (patch: Partial<TaskFilter>) => {
    const merged: Record<string, string | undefined> = { ...props.filter, ...patch };
    props.onChange(
      Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined && v !== '')),
    );
  };
  const [typed, setTyped] = createSignal<string | null>(null);
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(searchTimer));
  const search = (value: string) => {
    setTyped(value);
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      setTyped(null);
      set({ q: value.trim() || undefined });
    }, 150);
  };
  const orEmpty = (value: string) => (value === '' ? undefined : value);

  return (
    <div class="filter-bar" role="search" aria-label={t('tasks.filters.label')}>
      <input
        type="search"
        class="input filter-search"
        aria-label={t('tasks.filters.search')}
        placeholder={t('tasks.filters.search')}
        value={typed() ?? props.filter.q ?? ''}
        onInput={(e) => search(e.currentTarget.value)}
      />
      <select
        class="select"
        aria-label={t('tasks.filters.status')}
        value={props.filter.status ?? ''}
        onChange={(e) => set({ status: orEmpty(e.currentTarget.value) as TaskFilter['status'] })}
      >
        <option value="">{t('tasks.filters.anyStatus')}</option>
        <For each={taskStatuses}>
          {(s) => <option value={s}>{t(`tasks.statuses.${s}`)}</option>}
        </For>
      </select>
      <select
        class="select"
        aria-label={t('tasks.filters.assignee')}
        value={props.filter.assignee ?? ''}
        onChange={(e) => set({ assignee: orEmpty(e.currentTarget.value) })}
      >
        <option value="">{t('tasks.filters.anyone')}</option>
        <option value="me">{t('tasks.filters.me')}</option>
        <option value="none">{t('tasks.filters.unassigned')}</option>
        <For each={props.members}>{(m) => <option value={m.userId}>{m.name}</option>}</For>
      </select>
      <select
        class="select"
        aria-label={t('tasks.filters.type')}
        value={props.filter.type ?? ''}
        onChange={(e) => set({ type: orEmpty(e.currentTarget.value) as TaskFilter['type'] })}
      >
        <option value="">{t('tasks.filters.anyType')}</option>
        <For each={taskTypes}>
          {(type) => <option value={type}>{t(`tasks.types.${type}`)}</option>}
        </For>
      </select>
      <button
        type="button"
        class="btn btn-ghost"
        disabled={isEmptyFilter(props.filter)}
        onClick={() => props.onChange({})}
      >
        {t('tasks.filters.clear')}
      </button>
    </div>
  );
}
