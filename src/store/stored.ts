// Entities as the server sends them → rows with their index fields.
import type { SyncContact, SyncTask } from '../domain';
import type { StoredContact, StoredTask, WordKey } from './records';
import { wordsOf } from './words';

export function toStoredTask(task: SyncTask): StoredTask {
  return { ...toListedTask(task), ...taskFilterKeys(task), words: taskWords(task) };
}

/** The units of the due-hour and due-day index keys (plan.ts reads ranges of them). */
export const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;

/** The UTC day (days since 1970-01-01) of an ISO time: the due-day index's key. */
export function utcDay(iso: string): number {
  return Math.floor(Date.parse(iso) / dayMs);
}

/** The index fields of the skill, type, priority and due filters (not on a bootstrap's rows). */
export function taskFilterKeys(
  task: SyncTask,
): Pick<StoredTask, 'skillKeys' | 'typeKey' | 'priorityKey' | 'dueDayKey' | 'dueHourKey'> {
  const keys = {
    skillKeys: [...new Set(task.skills)].map((skill): [string, string, string] => [
      task.status,
      skill,
      task.updatedAt,
    ]),
    typeKey: task.type,
    priorityKey: task.priority,
  };
  if (task.dueAt === null) return keys;
  const due = Date.parse(task.dueAt);
  return { ...keys, dueDayKey: Math.floor(due / dayMs), dueHourKey: Math.floor(due / hourMs) };
}

/**
 * A row for the status and assignee lists only, without search words and filter keys: a
 * bootstrap writes these (the words are most of a task's index entries, and each index costs
 * every task a write) and words-pass.ts adds the rest afterwards.
 */
export function toListedTask(task: SyncTask): StoredTask {
  // A row read back (a StoredTask) may carry the keys of its old values: never keep those.
  const {
    words: _w,
    skillKeys: _s,
    typeKey: _t,
    priorityKey: _p,
    dueDayKey: _d,
    dueHourKey: _h,
    ...plain
  } = task as StoredTask;
  return { ...plain, assigneeKey: task.assigneeId ?? '' };
}

/** The search index entries of a task: each word with its updatedAt in ms. */
export function taskWords(task: SyncTask): WordKey[] {
  const at = Date.parse(task.updatedAt);
  const words = wordsOf([task.title, task.customerName, task.customerEmail], [task.customerPhone]);
  return words.map((word): WordKey => [word, at]);
}

export function toStoredContact(contact: SyncContact): StoredContact {
  return {
    ...contact,
    words: wordsOf([contact.name, contact.company, contact.email], [contact.phone]),
  };
}
