// The service worker's flush (Background Sync, or a page's FLUSH message): every local database
// with waiting mutations is flushed under the same Web Lock the pages take, with no page open.
import type { SyncTransport } from '../domain';
import { SyncDb } from './db';
import { flushOutbox, type FlushOutcome } from './flush';
import { syncLockName, withSyncLock } from './lock';
import { getMeta } from './meta';
import { pullChanges } from './pull';
import { listDatabases, type StorageOptions } from './registry';

export interface BackgroundFlushReport {
  name: string;
  /** null: another flusher held the lock, or nothing was waiting. */
  outcome: FlushOutcome | null;
}

/**
 * `transportFor` gives a transport that names the database's instance on every request, so a
 * session that moved to another instance is refused instead of receiving this one's changes.
 */
export async function flushAllDatabases(
  transportFor: (instanceId: string) => SyncTransport,
  storage: StorageOptions = {},
): Promise<BackgroundFlushReport[]> {
  const reports: BackgroundFlushReport[] = [];
  for (const { name, instanceId } of await listDatabases(storage)) {
    const db = new SyncDb(name, storage);
    try {
      reports.push({ name, outcome: await flushOne(db, name, transportFor(instanceId)) });
    } finally {
      db.close();
    }
  }
  return reports;
}

async function flushOne(
  db: SyncDb,
  name: string,
  transport: SyncTransport,
): Promise<FlushOutcome | null> {
  const userId = await getMeta(db, 'userId');
  if (!userId || (await db.outbox.count()) === 0) return null;
  const locked = await withSyncLock(syncLockName(name), async () => {
    const outcome = await flushOutbox({ db, transport, userId });
    // Pull only after the server took this database's clientId: that proves the session is in
    // this database's instance (the server refuses a clientId from another), so the pulled
    // rows belong here.
    if (outcome.acked + outcome.rejected > 0) await pullChanges({ db, transport, userId });
    return outcome;
  });
  return locked.acquired ? locked.value : null;
}

/** Whether a Background Sync event should fail so the browser tries it again later. */
export function shouldRetryLater(reports: readonly BackgroundFlushReport[]): boolean {
  return reports.some((report) => report.outcome?.status === 'retry');
}
