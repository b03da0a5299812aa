import type { Kysely } from 'kysely';

// Never edit after it lands: add a new migration instead.
// Issue 4: a bootstrap reads an instance's tasks in id order, a page after the last id sent. With
// only (instance_id, status) and (instance_id, assignee_id) to choose from, SQLite read every task
// of the instance and sorted them for each page (10k tasks: 6 pages, ~240 ms of SQL); this index
// answers a page by reading its own rows (~95 ms for all 6).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('tasks_instance_id_idx')
    .on('tasks')
    .columns(['instance_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tasks_instance_id_idx').execute();
}
