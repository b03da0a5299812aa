// The local store of whoever is signed in, in their current instance: opened when the session
// says who and where, closed on switching instance or signing out. The store module (Dexie) is
// loaded on demand so the sign-in screen's script stays small.
import {
  createEffect,
  createMemo,
  createRoot,
  createSignal,
  on,
  onCleanup,
  type Accessor,
} from 'solid-js';
import type { SyncEngine, SyncState } from '../../store';
import { currentMe } from '../session';

const [engine, setEngine] = createSignal<SyncEngine | null>(null);
const [syncState, setSyncState] = createSignal<SyncState | null>(null);

/** The open store, or null while signed out, before an instance is chosen, or while it opens. */
export const currentStore: Accessor<SyncEngine | null> = engine;
/** What the shell shows: online, pending, rejected, last sync, sign in again. */
export const currentSyncState: Accessor<SyncState | null> = syncState;

function storeKey(): string | null {
  const me = currentMe();
  return me?.currentInstance ? `${me.user.id} ${me.currentInstance.id}` : null;
}

let opening = 0;

createRoot(() => {
  // A memo, so a fresh /api/me answer for the same user and instance (every reconnect brings one)
  // does not close and reopen the store mid-flush: only a different key does.
  const key = createMemo(storeKey);
  createEffect(
    on(key, (key) => {
      const token = ++opening;
      if (!key) return;
      const [userId, instanceId] = key.split(' ') as [string, string];
      let opened: SyncEngine | null = null;
      let unsubscribe: (() => void) | null = null;
      void (async () => {
        const [store, api] = await Promise.all([import('../../store'), import('../../api/sync')]);
        if (token !== opening) return;
        opened = store.createSyncEngine({
          userId,
          instanceId,
          transport: api.createSyncTransport({ instanceId }),
        });
        unsubscribe = opened.state.subscribe((state) => setSyncState(state));
        setEngine(opened);
        void store.requestPersistentStorage();
        await opened.start();
      })();
      onCleanup(() => {
        unsubscribe?.();
        opened?.close();
        setEngine(null);
        setSyncState(null);
      });
    }),
  );
});

/** Runs `action` on the open store; waits for it while it opens (a click right after sign-in). */
export async function withStore<T>(action: (store: SyncEngine) => Promise<T>): Promise<T> {
  const open = engine();
  if (open) return action(open);
  return new Promise<T>((resolve, reject) => {
    createRoot((dispose) => {
      createEffect(() => {
        const next = engine();
        if (!next) return;
        dispose();
        action(next).then(resolve, reject);
      });
    });
  });
}
