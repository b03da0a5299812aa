// One flusher at a time across tabs and the service worker: a Web Lock taken only if free (a
// second flusher has nothing to add while the first runs). Without Web Locks, an in-memory guard
// still keeps one context from flushing twice at once.
const held = new Set<string>();

export type Locked<T> = { acquired: true; value: T } | { acquired: false };

export async function withSyncLock<T>(name: string, run: () => Promise<T>): Promise<Locked<T>> {
  // Typed loosely: this runs in pages and in the service worker (WorkerNavigator).
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  if (locks) {
    return locks.request(
      name,
      { ifAvailable: true },
      async (lock: Lock | null): Promise<Locked<T>> => {
        if (!lock) return { acquired: false };
        return { acquired: true, value: await run() };
      },
    );
  }
  if (held.has(name)) return { acquired: false };
  held.add(name);
  try {
    return { acquired: true, value: await run() };
  } finally {
    held.delete(name);
  }
}

export function syncLockName(dbName: string): string {
  return `sb-sync-${dbName}`;
}
