// The database edge: the only folder that knows Kysely and the drivers (enforced by eslint).
export { openDatabase, withTransaction, type Db, type Dialect, type OpenDatabase } from './open.js';
export { migrateToLatest, type MigrationReport } from './migrate.js';
export type { Role, TaskStatus, TaskType } from './schema.js';
export * from './users.js';
export * from './instances.js';
export * from './sessions.js';
export * from './invitations.js';
export * from './password-resets.js';
export * from './rate-limits.js';
export * from './tasks.js';
export * from './meta.js';
