// Entities as the server sends them → rows with their index fields.
import type { SyncContact, SyncTask } from '../domain';
import type { StoredContact, StoredTask, WordKey } from './records';
import { wordsOf } from './words';

export function toStoredTask(task: SyncTask): StoredTask {
  return { ...toListedTask(task), words: taskWords(task) };
}

/**
 * A row for the list indexes only, without search words: a bootstrap writes these (the words are
 * most of a task's index entries) and words-pass.ts adds the words afterwards.
 */
export function toListedTask(task: SyncTask): StoredTask {
  return { ...task, assigneeKey: task.assigneeId ?? '' };
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
