// Entities as the server sends them → rows with their index fields.
import type { SyncContact, SyncTask } from '../domain';
import type { StoredContact, StoredTask, WordKey } from './records';
import { wordsOf } from './words';

export function toStoredTask(task: SyncTask): StoredTask {
  const at = Date.parse(task.updatedAt);
  const words = wordsOf([task.title, task.customerName, task.customerEmail], [task.customerPhone]);
  return {
    ...task,
    assigneeKey: task.assigneeId ?? '',
    words: words.map((word): WordKey => [word, at]),
  };
}

export function toStoredContact(contact: SyncContact): StoredContact {
  return {
    ...contact,
    words: wordsOf([contact.name, contact.company, contact.email], [contact.phone]),
  };
}
