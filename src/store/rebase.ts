// After server rows land (pull, task items, a rejection's undo), the effects of mutations still
// in the outbox are replayed on top, so a pulled row never hides a change the user just made.
import type { SyncDb } from './db';
import { applyMutator } from './mutators';

/** Call inside a rw transaction over every table. */
export async function rebasePending(db: SyncDb, userId: string): Promise<number> {
  const pending = await db.outbox.orderBy('seq').toArray();
  for (const mutation of pending) {
    await applyMutator(db, mutation.name, mutation.args as never, {
      userId,
      now: mutation.createdAt,
    });
  }
  return pending.length;
}
