// A small database listing the per-user databases of this browser profile, so the service
// worker finds what to flush and sign-out can tell whether changes still wait.
import Dexie, { type DexieOptions, type Table } from 'dexie';
import { SyncDb } from './db';

export interface RegisteredDatabase {
  name: string;
  userId: string;
  instanceId: string;
  /** When an engine last started on it: the newest is the session's current instance. */
  lastUsedAt: string;
}

/** Where IndexedDB comes from: the browser's, or a fake one in unit tests. */
export type StorageOptions = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>;

class RegistryDb extends Dexie {
  declare databases: Table<RegisteredDatabase, string>;

  constructor(options: StorageOptions) {
    super('switchboard-registry', options);
    this.version(1).stores({ databases: 'name, lastUsedAt' });
  }
}

async function withRegistry<T>(
  options: StorageOptions,
  run: (registry: RegistryDb) => Promise<T>,
): Promise<T> {
  const registry = new RegistryDb(options);
  try {
    return await run(registry);
  } finally {
    registry.close();
  }
}

export function registerDatabase(
  entry: RegisteredDatabase,
  options: StorageOptions = {},
): Promise<void> {
  return withRegistry(options, async (registry) => {
    await registry.databases.put(entry);
  });
}

/** Newest first. */
export function listDatabases(options: StorageOptions = {}): Promise<RegisteredDatabase[]> {
  return withRegistry(options, (registry) =>
    registry.databases.orderBy('lastUsedAt').reverse().toArray(),
  );
}

/** Whether mutations in this database still wait for the server (warn before wiping it). */
export async function hasPendingChanges(
  name: string,
  options: StorageOptions = {},
): Promise<boolean> {
  // Only registered databases: opening an unknown name would create it.
  const known = await withRegistry(options, (registry) => registry.databases.get(name));
  if (!known) return false;
  const db = new SyncDb(name, options);
  try {
    return (await db.outbox.count()) > 0;
  } finally {
    db.close();
  }
}

/** Deletes a user's local data (sign-out "wipe") and forgets it in the registry. */
export async function wipeDatabase(name: string, options: StorageOptions = {}): Promise<void> {
  await new SyncDb(name, options).delete();
  await withRegistry(options, async (registry) => {
    await registry.databases.delete(name);
  });
}
