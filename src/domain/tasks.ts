import type { TaskSummary } from './types';

/** Overdue: has a due time in the past and is not resolved yet. */
export function isOverdue(task: Pick<TaskSummary, 'dueAt' | 'status'>, now: number): boolean {
  if (task.status === 'resolved' || task.dueAt === null) return false;
  const due = Date.parse(task.dueAt);
  return Number.isFinite(due) && due < now;
}
