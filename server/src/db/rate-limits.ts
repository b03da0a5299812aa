import { sql } from 'kysely';
import type { Db } from './open.js';

export interface RateWindow {
  count: number;
  windowStart: string;
}

/** The counter for key if its window started after `cutoff` (older windows count as empty). */
export async function readRateWindow(
  db: Db,
  key: string,
  cutoff: string,
): Promise<RateWindow | undefined> {
  const row = await db
    .selectFrom('rate_limits')
    .select(['count', 'window_start'])
    .where('key', '=', key)
    .where('window_start', '>', cutoff)
    .executeTakeFirst();
  return row ? { count: Number(row.count), windowStart: row.window_start } : undefined;
}

/**
 * Adds one to the key's counter in a single statement (safe with several server nodes and with
 * parallel requests) and returns the counter after the hit: a window that started at or before
 * `cutoff` restarts at `now` with count 1.
 */
export async function hitRateWindow(
  db: Db,
  key: string,
  now: string,
  cutoff: string,
): Promise<RateWindow> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when rate_limits.window_start <= ${cutoff} then 1 else rate_limits.count + 1 end`,
        window_start: sql<string>`case when rate_limits.window_start <= ${cutoff} then ${now} else rate_limits.window_start end`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowStart: row.window_start };
}

/** Gives back one hit (a sign-in that turned out to be right does not count against an address). */
export async function refundRateWindow(db: Db, key: string): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set({ count: sql<number>`case when count > 0 then count - 1 else 0 end` })
    .where('key', '=', key)
    .execute();
}

export async function clearRateWindow(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

/** Drops counters whose window ended before `cutoff`: housekeeping, not correctness. */
export async function deleteStaleRateWindows(db: Db, cutoff: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_start', '<=', cutoff).execute();
}
