// Typed access to the key-value `meta` table. Call inside a transaction that includes `meta`
// when the read and the write must not interleave with another tab (seq assignment).
import type { SyncDb } from './db';
import type { MetaKey, MetaValues } from './records';

export async function getMeta<K extends MetaKey>(
  db: SyncDb,
  key: K,
): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(
  db: SyncDb,
  key: K,
  value: MetaValues[K],
): Promise<void> {
  await db.meta.put({ key, value });
}

/** The database's clientId, made on first use. */
export async function ensureClientId(db: SyncDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await getMeta(db, 'clientId');
    if (existing) return existing;
    const made = crypto.randomUUID();
    await setMeta(db, 'clientId', made);
    return made;
  });
}
