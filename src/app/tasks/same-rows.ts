// A live page answers with new objects every time it runs again (a pull, an edit anywhere in its
// range), though most rows did not change. Keeping the old object of an unchanged row lets the
// grid keep that row's DOM, and an answer that changed nothing can be ignored altogether.
import type { SyncTask } from '../../domain';

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    return sameFields(a as Record<string, unknown>, b as Record<string, unknown>);
  }
  return false;
}

function sameFields(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key in b && sameValue(a[key], b[key]));
}

/** Whether two reads of a task hold the same values (a row as the store keeps it). */
export function sameTask(a: SyncTask, b: SyncTask): boolean {
  return a === b || (a.id === b.id && a.updatedAt === b.updatedAt && sameValue(a, b));
}

/**
 * `next`, with the objects of `previous` for the rows that did not change; `previous` itself
 * when nothing did (same rows, same order).
 */
export function reuseRows(previous: readonly SyncTask[] | null, next: SyncTask[]): SyncTask[] {
  if (!previous || previous.length === 0) return next;
  const byId = new Map(previous.map((task) => [task.id, task] as const));
  let changed = previous.length !== next.length;
  const rows = next.map((task, i) => {
    const old = byId.get(task.id);
    const kept = old && sameTask(old, task) ? old : task;
    if (kept !== previous[i]) changed = true;
    return kept;
  });
  return changed ? rows : (previous as SyncTask[]);
}
