// The local-first store: the only place that imports dexie. Screens read through `engine.queries`
// (live, for Solid's `from`) and change data only through `engine.mutate`.
export {
  createSyncEngine,
  type SyncEngine,
  type SyncEngineOptions,
  type SyncState,
  type StateStore,
} from './engine';
export { live, createQueries, type Live, type Queries } from './live';
export type { TasksQuery, TasksCountQuery, SyncMeta } from './queries';
export type { TasksFilter, TaskPosition } from './filter';
export type { MutateOptions, AttachmentUpload } from './mutate';
export type { FlushOutcome } from './flush';
export type { PullOutcome } from './pull';
export type { RejectedRow, OutboxRow } from './records';
export { dbNameFor, SyncDb } from './db';
export { flushOutbox } from './flush';
export { pullChanges } from './pull';
export { withSyncLock, syncLockName } from './lock';
export { backgroundSyncTag, hostEnvironment, type SyncEnvironment } from './environment';
export {
  listDatabases,
  hasPendingChanges,
  wipeDatabase,
  type RegisteredDatabase,
  type StorageOptions,
} from './registry';
export { requestPersistentStorage, persistentStorageAnswer, type PersistAnswer } from './persist';
export { flushAllDatabases, shouldRetryLater, type BackgroundFlushReport } from './background';
