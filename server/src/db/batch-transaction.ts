import type { Db } from './open.js';

export type StepResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs one item of a batch under a savepoint: released when fn returns; rolled back to when fn
 * throws, and the error comes back as a result so the batch may still commit the items before.
 * Throws only when the transaction itself is lost (the rollback to the savepoint failed); the
 * batch then rolls back whole. One step at a time: await each before starting the next.
 */
export type BatchStep = <T>(fn: (tx: Db) => Promise<T>) => Promise<StepResult<T>>;

const SAVEPOINT = 'batch_item';

/**
 * Runs fn in one transaction that commits when fn returns and rolls back when it throws; `step`
 * gives each item its own savepoint. One commit for the whole batch instead of one per item.
 * The transaction holds its connection until it ends: on SQLite, the only one, so every other
 * query of this process waits for the batch.
 */
export async function withBatchTransaction<T>(
  db: Db,
  fn: (tx: Db, step: BatchStep) => Promise<T>,
): Promise<T> {
  const trx = await db.startTransaction().execute();
  const step: BatchStep = async (item) => {
    const saved = await trx.savepoint(SAVEPOINT).execute();
    try {
      const value = await item(saved);
      await saved.releaseSavepoint(SAVEPOINT).execute();
      return { ok: true, value };
    } catch (error) {
      // PostgreSQL refuses every statement after an error until this. If it fails (SQLite rolls
      // the whole transaction back on a full disk or an I/O error), the caller must not go on.
      await saved.rollbackToSavepoint(SAVEPOINT).execute();
      await saved.releaseSavepoint(SAVEPOINT).execute();
      return { ok: false, error };
    }
  };
  try {
    const result = await fn(trx, step);
    await trx.commit().execute();
    return result;
  } catch (error) {
    try {
      // Also after a failed commit: Kysely keeps the connection until a rollback releases it.
      await trx.rollback().execute();
    } catch {
      // Already rolled back by the database: the first error says more.
    }
    throw error;
  }
}

/**
 * A PostgreSQL deadlock or serialization failure: nothing is wrong with the statement, and it may
 * well pass in a new transaction (two batches locking the same rows in opposite orders).
 */
export function isTransientConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
