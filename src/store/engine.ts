// The sync engine of one user in one instance: owns the database, says when to flush and pull,
// and exposes the state the shell shows. Framework-free; src/app subscribes and renders.
import {
  backoffDelay,
  defaultBackoff,
  type BackoffPolicy,
  type Mutation,
  type MutationArgs,
  type MutationName,
  type SyncTransport,
  type TransportFailure,
} from '../domain';
import { allTables, dbNameFor, SyncDb } from './db';
import { hostEnvironment, type SyncEnvironment } from './environment';
import { flushOutbox, type FlushOutcome } from './flush';
import { createQueries, live } from './live';
import { syncLockName, withSyncLock } from './lock';
import { ensureClientId, setMeta } from './meta';
import { writeMutation, type MutateOptions } from './mutate';
import { loadTaskItems, pullChanges, type PullOutcome } from './pull';
import { readSyncMeta } from './queries';
import { registerDatabase, wipeDatabase, type StorageOptions } from './registry';
import { fillPendingWords } from './words-pass';

export interface SyncState {
  online: boolean;
  /** Mutations waiting in the outbox (this tab's, other tabs' and the service worker's view). */
  pending: number;
  rejected: number;
  lastSyncAt: string | null;
  flushing: boolean;
  /** A 401 paused syncing: the user must sign in again; nothing is lost meanwhile. */
  authRequired: boolean;
  /**
   * The session moved to another instance (switched in another tab): this database stops
   * syncing, so nothing of one instance reaches the other; the app reloads who and where.
   */
  instanceChanged: boolean;
  /** The first pull finished: lists are complete, not still filling. */
  bootstrapped: boolean;
  /** The last sync failure, in words; null once a flush succeeds. */
  error: string | null;
}

export interface SyncEngineOptions {
  userId: string;
  instanceId: string;
  transport: SyncTransport;
  environment?: SyncEnvironment;
  storage?: StorageOptions;
  backoff?: BackoffPolicy;
  now?: () => Date;
  random?: () => number;
}

export interface StateStore<T> {
  get(): T;
  /** Calls the listener now and on every change; returns the unsubscribe. */
  subscribe(listener: (state: T) => void): () => void;
}

/** How soon a page looks at the outbox again after finding another flusher at work. */
const lockBusyRetryMs = 1000;

export function createSyncEngine(options: SyncEngineOptions) {
  const { userId, instanceId, transport } = options;
  const env = options.environment ?? hostEnvironment();
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? defaultBackoff;
  const name = dbNameFor(userId, instanceId);
  const lockName = syncLockName(name);
  const db = new SyncDb(name, options.storage);

  // --- state ----------------------------------------------------------------------------------
  let state: SyncState = {
    online: env.isOnline(),
    pending: 0,
    rejected: 0,
    lastSyncAt: null,
    flushing: false,
    authRequired: false,
    instanceChanged: false,
    bootstrapped: false,
    error: null,
  };
  const listeners = new Set<(state: SyncState) => void>();
  function setState(patch: Partial<SyncState>): void {
    state = { ...state, ...patch };
    for (const listener of listeners) listener(state);
  }
  const stateStore: StateStore<SyncState> = {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
  };

  // --- lifecycle ------------------------------------------------------------------------------
  let started = false;
  let closed = false;
  const cleanups: (() => void)[] = [];

  async function start(): Promise<void> {
    if (started || closed) return;
    started = true;
    await setMeta(db, 'userId', userId);
    await ensureClientId(db);
    await registerDatabase(
      { name, userId, instanceId, lastUsedAt: now().toISOString() },
      options.storage,
    );
    const counts = live(async () => ({
      pending: await db.outbox.count(),
      rejected: await db.rejected.count(),
      ...(await readSyncMeta(db)),
    })).subscribe((value) => setState(value));
    cleanups.push(() => counts.unsubscribe());
    cleanups.push(
      env.onOnlineChange((online) => {
        setState({ online });
        if (online) {
          attempt = 0;
          void syncNow();
        }
      }),
    );
    cleanups.push(env.onVisible(() => void syncNow()));
    cleanups.push(
      transport.connectPokes({ onPoke: () => void pullNow(), onOpen: () => void pullNow() }),
    );
    await syncNow();
    // Offline at start, or closed mid-pass last time: words a bootstrap left out come now.
    fillWordsLater();
  }

  function stop(): void {
    started = false;
    for (const cleanup of cleanups.splice(0)) cleanup();
    cancelRetry();
  }

  // --- retry timer ----------------------------------------------------------------------------
  let attempt = 0;
  let retryTimer: unknown = null;
  function scheduleRetry(): void {
    if (retryTimer !== null || closed) return;
    const delay = backoffDelay(attempt++, random, backoff);
    retryTimer = env.setTimer(() => {
      retryTimer = null;
      void syncNow();
    }, delay);
  }
  function cancelRetry(): void {
    if (retryTimer !== null) env.clearTimer(retryTimer);
    retryTimer = null;
    if (lockRetryTimer !== null) env.clearTimer(lockRetryTimer);
    lockRetryTimer = null;
  }

  const canSync = () => !closed && state.online && !state.authRequired && !state.instanceChanged;

  // --- flush ----------------------------------------------------------------------------------
  let flushRun: Promise<FlushOutcome | null> | null = null;
  let lockWasBusy = false;
  let lockRetryTimer: unknown = null;
  function scheduleLockRetry(): void {
    if (lockRetryTimer !== null || closed) return;
    lockRetryTimer = env.setTimer(() => {
      lockRetryTimer = null;
      void flushNow();
    }, lockBusyRetryMs);
  }
  let flushAgain = false;

  /** Sends the outbox now (unless another tab or the service worker is at it), then pulls. */
  function flushNow(): Promise<FlushOutcome | null> {
    if (!canSync()) return Promise.resolve(null);
    if (flushRun) {
      // A mutation arrived mid-flush: go round once more when this run ends.
      flushAgain = true;
      return flushRun;
    }
    flushRun = runFlushes().finally(() => {
      flushRun = null;
      setState({ flushing: false });
    });
    return flushRun;
  }

  async function runFlushes(): Promise<FlushOutcome | null> {
    let outcome: FlushOutcome | null = null;
    do {
      flushAgain = false;
      setState({ flushing: true });
      outcome = await guarded(async () => {
        const locked = await withSyncLock(lockName, () =>
          flushOutbox({ db, transport, userId, now }),
        );
        if (!locked.acquired) lockWasBusy = true;
        return locked.acquired ? locked.value : null;
      });
      if (outcome) handleFlush(outcome);
    } while (flushAgain && outcome?.status === 'done' && canSync());
    // Another tab or the service worker held the lock: it may have read the outbox just before
    // our mutation committed, so look again shortly instead of waiting for the next trigger.
    if (lockWasBusy) {
      lockWasBusy = false;
      scheduleLockRetry();
    }
    if (outcome?.status === 'done') await pullNow();
    return outcome;
  }

  function handleFlush(outcome: FlushOutcome): void {
    switch (outcome.status) {
      case 'done':
        attempt = 0;
        cancelRetry();
        setState({ error: null });
        return;
      case 'retry':
        setState({ error: outcome.message });
        scheduleRetry();
        return;
      case 'failed':
        // Retrying cannot fix it soon; try again at the longest wait in case it heals.
        attempt = Math.max(attempt, 30);
        setState({ error: outcome.message });
        scheduleRetry();
        return;
      case 'authRequired':
        cancelRetry();
        setState({ authRequired: true });
        return;
      case 'instanceChanged':
        cancelRetry();
        setState({ instanceChanged: true });
        return;
    }
  }

  // --- pull -----------------------------------------------------------------------------------
  let pullRun: Promise<PullOutcome | null> | null = null;
  let pullAgain = false;

  /** Pulls every change since the cursor (poke, reconnect, start, online, visible). */
  function pullNow(): Promise<PullOutcome | null> {
    if (!canSync()) return Promise.resolve(null);
    if (pullRun) {
      // A poke mid-pull may announce a change the running pull started too early to see.
      pullAgain = true;
      return pullRun;
    }
    pullRun = runPulls().finally(() => {
      pullRun = null;
    });
    return pullRun;
  }

  async function runPulls(): Promise<PullOutcome | null> {
    let outcome: PullOutcome | null = null;
    do {
      pullAgain = false;
      outcome = await guarded(() => pullChanges({ db, transport, userId, now }));
      if (outcome?.status === 'failed') handleFailure(outcome.failure);
    } while (pullAgain && outcome?.status === 'done' && canSync());
    if (outcome?.status === 'done') fillWordsLater();
    return outcome;
  }

  // --- search words after a bootstrap ---------------------------------------------------------
  let wordsRun: Promise<unknown> | null = null;

  /** Adds the search words a bootstrap left out (words-pass.ts); one pass at a time per tab. */
  function fillWordsLater(): void {
    if (wordsRun || closed) return;
    wordsRun = guarded(() => fillPendingWords(db, { stopped: () => closed })).finally(() => {
      wordsRun = null;
    });
  }

  function handleFailure(failure: TransportFailure): void {
    if (failure.kind === 'unauthenticated') {
      cancelRetry();
      setState({ authRequired: true });
    } else if (failure.kind === 'instance_changed') {
      cancelRetry();
      setState({ instanceChanged: true });
    } else {
      setState({ error: failure.message });
      scheduleRetry();
    }
  }

  async function syncNow(): Promise<void> {
    const flushed = await flushNow();
    // A successful flush pulls by itself.
    if (flushed?.status !== 'done') await pullNow();
  }

  /** Surprises (a closed database, a bug) become visible state instead of unhandled rejections. */
  async function guarded<T>(run: () => Promise<T>): Promise<T | null> {
    try {
      return await run();
    } catch (error) {
      if (closed) return null;
      console.error('[store] sync failed', error);
      setState({ error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }

  // --- user actions ---------------------------------------------------------------------------

  /** Applies the change locally at once and queues it for the server. */
  async function mutate<N extends MutationName>(
    mutationName: N,
    args: MutationArgs[N],
    mutateOptions?: MutateOptions,
  ): Promise<Mutation> {
    const mutation = await writeMutation(db, { userId, now }, mutationName, args, mutateOptions);
    env.requestBackgroundSync();
    void flushNow();
    return mutation;
  }

  /** Queues a rejected mutation again (a new seq) and re-applies its effect. */
  async function retryRejected(id: string): Promise<Mutation | null> {
    const mutation = await db.transaction('rw', allTables(db), async () => {
      const row = await db.rejected.get(id);
      if (!row) return null;
      await db.rejected.delete(id);
      const { name: rejectedName, args } = row.mutation;
      return writeMutation(db, { userId, now }, rejectedName, args as never);
    });
    if (mutation) {
      env.requestBackgroundSync();
      void flushNow();
    }
    return mutation;
  }

  async function discardRejected(id: string): Promise<void> {
    await db.rejected.delete(id);
  }

  /** Fetches a task's comments and log into the store (they are not all bootstrapped). */
  async function openTask(taskId: string): Promise<boolean> {
    if (!canSync()) return false;
    const loaded = await guarded(() => loadTaskItems({ db, transport, userId, taskId, now }));
    if (loaded && !loaded.ok) handleFailure(loaded.failure);
    return loaded?.ok ?? false;
  }

  /** After the user signed in again: resume where the 401 stopped. */
  async function resume(): Promise<void> {
    setState({ authRequired: false, error: null });
    attempt = 0;
    await syncNow();
  }

  return {
    name,
    db,
    state: stateStore,
    queries: createQueries(db),
    start,
    stop,
    flushNow,
    pullNow,
    mutate,
    retryRejected,
    discardRejected,
    openTask,
    resume,
    /** Stops and closes the database (switching instance, signing out and keeping the data). */
    close(): void {
      stop();
      closed = true;
      db.close();
    },
    /** Stops and deletes this user's local data (signing out and wiping). */
    async wipe(): Promise<void> {
      stop();
      closed = true;
      db.close();
      await wipeDatabase(name, options.storage);
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
