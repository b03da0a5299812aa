import { sql, type Kysely, type SqlBool } from 'kysely';

// Never edit after it lands: add a new migration instead.
// Issue 6: the waiting tasks in routing order, so Play (and routing) reads the head of the queue
// from an index instead of sorting every open task of the instance on each claim. Partial: only
// tasks nobody has or is offered are in it, and those are the few.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('tasks_waiting_idx')
    .on('tasks')
    .columns(['instance_id', 'status', 'priority desc', 'created_at', 'id'])
    .where(sql<SqlBool>`assignee_id is null and offered_to_id is null`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tasks_waiting_idx').execute();
}
