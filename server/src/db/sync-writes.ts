import { isPostgres, type Db } from './open.js';
import type {
  AgentStatusesTable,
  AttachmentsTable,
  CallHistoryTable,
  CommentsTable,
  ContactsTable,
  LogItemsTable,
  SavedFiltersTable,
  TasksTable,
} from './schema.js';

// Reads and writes the mutation appliers (server/src/sync/) run inside their transaction.

/**
 * The task, locked for the rest of the transaction on PostgreSQL (SELECT ... FOR UPDATE), so two
 * agents taking the same task one after the other see each other's write. SQLite transactions
 * run one at a time on our single connection already.
 */
export async function lockTask(
  tx: Db,
  instanceId: string,
  taskId: string,
): Promise<TasksTable | undefined> {
  const query = tx
    .selectFrom('tasks')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('id', '=', taskId);
  return (isPostgres(tx) ? query.forUpdate() : query).executeTakeFirst();
}

/** Whether any instance holds a row with this id (ids are global primary keys). */
export async function taskIdTaken(db: Db, taskId: string): Promise<boolean> {
  const row = await db.selectFrom('tasks').select('id').where('id', '=', taskId).executeTakeFirst();
  return row !== undefined;
}

export async function insertTask(tx: Db, row: TasksTable): Promise<void> {
  await tx.insertInto('tasks').values(row).execute();
}

/** What appliers change with updateTask; an assignee only ever changes through claimTask. */
export type TaskPatch = Partial<
  Pick<
    TasksTable,
    | 'status'
    | 'offered_to_id'
    | 'offered_by_id'
    | 'offer_expires_at'
    | 'offer_return'
    | 'outcome_tag'
  >
>;

export async function updateTask(
  tx: Db,
  instanceId: string,
  taskId: string,
  patch: TaskPatch,
  updatedAt: string,
): Promise<void> {
  await tx
    .updateTable('tasks')
    .set((eb) => ({ ...patch, updated_at: updatedAt, version: eb('version', '+', 1) }))
    .where('instance_id', '=', instanceId)
    .where('id', '=', taskId)
    .execute();
}

export async function insertLogItems(tx: Db, rows: LogItemsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await tx
      .insertInto('log_items')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

export async function insertComments(tx: Db, rows: CommentsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await tx
      .insertInto('comments')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

/** A comment by id in any instance (ids are global): the caller checks where it belongs. */
export async function findCommentAnywhere(
  db: Db,
  commentId: string,
): Promise<CommentsTable | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', commentId).executeTakeFirst();
}

export async function findFilterAnywhere(
  db: Db,
  filterId: string,
): Promise<SavedFiltersTable | undefined> {
  return db.selectFrom('saved_filters').selectAll().where('id', '=', filterId).executeTakeFirst();
}

export async function insertFilters(tx: Db, rows: SavedFiltersTable[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('saved_filters').values(rows).execute();
}

export async function updateFilter(
  tx: Db,
  filterId: string,
  patch: Pick<SavedFiltersTable, 'name' | 'shared' | 'query' | 'updated_at'>,
): Promise<void> {
  await tx.updateTable('saved_filters').set(patch).where('id', '=', filterId).execute();
}

export async function deleteFilter(tx: Db, filterId: string): Promise<void> {
  await tx.deleteFrom('saved_filters').where('id', '=', filterId).execute();
}

export async function findAgentStatus(
  db: Db,
  instanceId: string,
  userId: string,
): Promise<AgentStatusesTable | undefined> {
  return db
    .selectFrom('agent_statuses')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function upsertAgentStatuses(tx: Db, rows: AgentStatusesTable[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('agent_statuses')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['instance_id', 'user_id']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        since: eb.ref('excluded.since'),
      })),
    )
    .execute();
}

export async function findCallAnywhere(
  db: Db,
  callId: string,
): Promise<CallHistoryTable | undefined> {
  return db.selectFrom('call_history').selectAll().where('id', '=', callId).executeTakeFirst();
}

export async function insertCall(tx: Db, row: CallHistoryTable): Promise<void> {
  await tx.insertInto('call_history').values(row).execute();
}

export async function insertContacts(tx: Db, rows: ContactsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await tx
      .insertInto('contacts')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

/** Whether the user is a member of the instance (service providers are not). */
export async function isMember(db: Db, instanceId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('instance_id', '=', instanceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Attachments: bytes in the database so every server node serves them.

export type AttachmentMeta = Omit<AttachmentsTable, 'bytes'>;

export async function findAttachmentMetaAnywhere(
  db: Db,
  attachmentId: string,
): Promise<AttachmentMeta | undefined> {
  return db
    .selectFrom('attachments')
    .select(['id', 'instance_id', 'uploader_id', 'task_id', 'name', 'type', 'size', 'created_at'])
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}

export async function findAttachment(
  db: Db,
  instanceId: string,
  attachmentId: string,
): Promise<AttachmentsTable | undefined> {
  const row = await db
    .selectFrom('attachments')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  return row && { ...row, size: Number(row.size), bytes: Buffer.from(row.bytes) };
}

/** Inserts unless the id exists; false when it did (the caller then compares). */
export async function insertAttachment(db: Db, row: AttachmentsTable): Promise<boolean> {
  const result = await db
    .insertInto('attachments')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function listAttachmentMeta(
  db: Db,
  instanceId: string,
  ids: readonly string[],
): Promise<AttachmentMeta[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('attachments')
    .select(['id', 'instance_id', 'uploader_id', 'task_id', 'name', 'type', 'size', 'created_at'])
    .where('instance_id', '=', instanceId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function linkAttachments(
  tx: Db,
  instanceId: string,
  ids: readonly string[],
  taskId: string,
): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .updateTable('attachments')
    .set({ task_id: taskId })
    .where('instance_id', '=', instanceId)
    .where('id', 'in', [...ids])
    .execute();
}
