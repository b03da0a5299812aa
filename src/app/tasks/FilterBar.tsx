// The list's filter controls: text search, then type, status, assignee and skills (several values
// each), minimum priority and due. Every control is labelled and native underneath. Typing in the
// search waits for a pause; "/" anywhere on the page focuses it (TasksPage).
import { createMemo, createSignal, For, onCleanup, type JSX } from 'solid-js';
import { taskStatuses, taskTypes, type SyncMember } from '../../domain';
import { t } from '../../i18n';
import { ChoiceMenu } from './ChoiceMenu';
import {
  dueChoices,
  isEmptyFilter,
  priorityLevels,
  type DueChoice,
  type TaskFilter,
} from './task-filter';

const dueLabels: Record<DueChoice, () => string> = {
  overdue: () => t('tasks.filters.dueOverdue'),
  today: () => t('tasks.filters.dueToday'),
};

export function FilterBar(props: {
  filter: TaskFilter;
  members: readonly SyncMember[];
  myId: string | undefined;
  /** Skills to offer: those on the tasks read so far, and any already chosen. */
  skills: readonly string[];
  onChange: (filter: TaskFilter) => void;
  searchRef?: (el: HTMLInputElement) => void;
}): JSX.Element {
  const set = (patch: Partial<TaskFilter>) => {
    const merged = Object.entries({ ...props.filter, ...patch }).filter(
      ([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0),
    );
    props.onChange(Object.fromEntries(merged) as TaskFilter);
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

  const assigneeChoices = createMemo(() => [
    { value: 'me', label: t('tasks.filters.me') },
    { value: 'none', label: t('tasks.filters.unassigned') },
    ...props.members
      .filter((m) => m.userId !== props.myId)
      .map((m) => ({ value: m.userId, label: m.name })),
  ]);
  const skillChoices = createMemo(() =>
    [...new Set([...props.skills, ...(props.filter.skills ?? [])])]
      .sort((a, b) => a.localeCompare(b))
      .map((s) => ({ value: s, label: s })),
  );

  return (
    <div class="filter-bar" role="search" aria-label={t('tasks.filters.label')}>
      <input
        ref={props.searchRef}
        type="search"
        class="input filter-search"
        aria-label={t('tasks.filters.search')}
        aria-keyshortcuts="/"
        placeholder={t('tasks.filters.search')}
        value={typed() ?? props.filter.q ?? ''}
        onInput={(e) => search(e.currentTarget.value)}
      />
      <ChoiceMenu
        label={t('tasks.filters.type')}
        anyLabel={t('tasks.filters.anyType')}
        choices={taskTypes.map((v) => ({ value: v, label: t(`tasks.types.${v}`) }))}
        selected={props.filter.types ?? []}
        onChange={(v) => set({ types: v as TaskFilter['types'] })}
      />
      <ChoiceMenu
        label={t('tasks.filters.status')}
        anyLabel={t('tasks.filters.anyStatus')}
        choices={taskStatuses.map((v) => ({ value: v, label: t(`tasks.statuses.${v}`) }))}
        selected={props.filter.statuses ?? []}
        onChange={(v) => set({ statuses: v as TaskFilter['statuses'] })}
      />
      <ChoiceMenu
        label={t('tasks.filters.assignee')}
        anyLabel={t('tasks.filters.anyone')}
        choices={assigneeChoices()}
        selected={props.filter.assignees ?? []}
        onChange={(v) => set({ assignees: v })}
      />
      <ChoiceMenu
        label={t('tasks.filters.skills')}
        anyLabel={t('tasks.filters.anySkill')}
        choices={skillChoices()}
        selected={props.filter.skills ?? []}
        emptyText={t('tasks.filters.noSkills')}
        onChange={(v) => set({ skills: v })}
      />
      <select
        class="select"
        aria-label={t('tasks.filters.priority')}
        value={props.filter.priorityAtLeast ?? ''}
        onChange={(e) =>
          set({
            priorityAtLeast: e.currentTarget.value ? Number(e.currentTarget.value) : undefined,
          })
        }
      >
        <option value="">{t('tasks.filters.anyPriority')}</option>
        <For each={priorityLevels.filter((n) => n > 1)}>
          {(n) => <option value={n}>{t('tasks.filters.priorityAtLeast', { n })}</option>}
        </For>
      </select>
      <select
        class="select"
        aria-label={t('tasks.filters.due')}
        value={props.filter.due ?? ''}
        onChange={(e) =>
          set({ due: (e.currentTarget.value || undefined) as DueChoice | undefined })
        }
      >
        <option value="">{t('tasks.filters.anyDue')}</option>
        <For each={dueChoices}>{(d) => <option value={d}>{dueLabels[d]()}</option>}</For>
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
