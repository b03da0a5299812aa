// Entities as the server sends them → rows with their index fields.
import type { SyncContact, SyncTask } from '../domain';
import type { StoredContact, StoredTask } from './records';
import { wordsOf } from './words';

export function toStoredTask(task: SyncTask): StoredTask {
  return {
    ...task,
    assigneeKey: task.assigneeId ?? '',
    words: wordsOf([task.title, task.customerName, task.customerEmail], [task.customerPhone]),
  };
}

export function toStoredContact(contact: SyncContact): StoredContact {
  return {
    ...contact,
    words: wordsOf([contact.name, contact.company, contact.email], [contact.phone]),
  };
}
