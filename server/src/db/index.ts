// The database edge: the only folder that knows Kysely and the drivers (enforced by eslint).
export { openDatabase, withTransaction, type Db, type Dialect, type OpenDatabase } from './open.js';
export { migrateToLatest, type MigrationReport } from './migrate.js';
export {
  isTransientConflict,
  withBatchTransaction,
  type BatchStep,
  type StepResult,
} from './batch-transaction.js';
export type {
  AgentStatusesTable,
  AttachmentsTable,
  CallHistoryTable,
  CommentsTable,
  ContactsTable,
  LogItemsTable,
  Role,
  SavedFiltersTable,
  TaskStatus,
  TaskType,
} from './schema.js';
export * from './users.js';
export * from './instances.js';
export * from './sessions.js';
export * from './invitations.js';
export * from './password-resets.js';
export * from './rate-limits.js';
export * from './tasks.js';
export * from './meta.js';
export * from './sync-entities.js';
export * from './sync-log.js';
export * from './sync-writes.js';
export * from './task-claims.js';
export * from './agent-presence.js';
export * from './task-offers.js';
export * from './routing.js';
export * from './custom-statuses.js';
