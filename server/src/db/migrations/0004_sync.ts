import { PostgresAdapter, type Kysely } from 'kysely';

// Never edit after it lands: add a new migration instead.
// Issue 4, local-first sync: the task workspace's entities, a per-instance change sequence that
// pulls read from, and the per-client record of applied mutations that makes pushes exactly-once.
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const bigint = postgres ? 'bigint' : 'integer';

  // SQLite adds one column per ALTER TABLE.
  await db.schema
    .alterTable('tasks')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('tasks').addColumn('contact_id', 'text').execute();
  await db.schema
    .alterTable('tasks')
    .addColumn('offered_to_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('tasks')
    .addColumn('created_by_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('tasks_instance_status_idx')
    .on('tasks')
    .columns(['instance_id', 'status'])
    .execute();
  await db.schema
    .createIndex('tasks_instance_assignee_idx')
    .on('tasks')
    .columns(['instance_id', 'assignee_id'])
    .execute();

  await db.schema
    .alterTable('instances')
    .addColumn('change_seq', bigint, (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) =>
      c.notNull().references('instances.id').onDelete('cascade'),
    )
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comments_task_created_idx')
    .on('comments')
    .columns(['task_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('log_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) =>
      c.notNull().references('instances.id').onDelete('cascade'),
    )
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('log_items_task_created_idx')
    .on('log_items')
    .columns(['task_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('saved_filters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) =>
      c.notNull().references('instances.id').onDelete('cascade'),
    )
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('query', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('saved_filters_owner_name_unique', ['instance_id', 'owner_id', 'name'])
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) =>
      c.notNull().references('instances.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('company', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contacts_instance_idx')
    .on('contacts')
    .column('instance_id')
    .execute();

  await db.schema
    .createTable('agent_statuses')
    .addColumn('instance_id', 'text', (c) =>
      c.notNull().references('instances.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_statuses_pk', ['instance_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('call_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) =>
      c.notNull().references('instances.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('peer', 'text', (c) => c.notNull())
    .addColumn('peer_name', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('ended_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.references('tasks.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('call_history_user_started_idx')
    .on('call_history')
    .columns(['instance_id', 'user_id', 'started_at'])
    .execute();

  // The bytes live in the database: several server nodes share one PostgreSQL, no node keeps files.
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) =>
      c.notNull().references('instances.id').onDelete('cascade'),
    )
    .addColumn('uploader_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.references('tasks.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('bytes', postgres ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Every write to a synced entity; audience_user_id null = may concern anyone in the instance.
  await db.schema
    .createTable('sync_changes')
    .addColumn('instance_id', 'text', (c) =>
      c.notNull().references('instances.id').onDelete('cascade'),
    )
    .addColumn('seq', bigint, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('audience_user_id', 'text')
    .addPrimaryKeyConstraint('sync_changes_pk', ['instance_id', 'seq'])
    .execute();

  await db.schema
    .createTable('sync_clients')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('instance_id', 'text', (c) =>
      c.notNull().references('instances.id').onDelete('cascade'),
    )
    .addColumn('last_seq', bigint, (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // touched: JSON [{kind, id}] of a rejection, so a replay answers with the current state again.
  await db.schema
    .createTable('sync_results')
    .addColumn('client_id', 'text', (c) =>
      c.notNull().references('sync_clients.client_id').onDelete('cascade'),
    )
    .addColumn('seq', bigint, (c) => c.notNull())
    .addColumn('mutation_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('message', 'text')
    .addColumn('touched', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('sync_results_pk', ['client_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'sync_results',
    'sync_clients',
    'sync_changes',
    'attachments',
    'call_history',
    'agent_statuses',
    'contacts',
    'saved_filters',
    'log_items',
    'comments',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('instances').dropColumn('change_seq').execute();
  await db.schema.dropIndex('tasks_instance_assignee_idx').execute();
  await db.schema.dropIndex('tasks_instance_status_idx').execute();
  for (const column of ['created_by_id', 'offered_to_id', 'contact_id', 'description']) {
    await db.schema.alterTable('tasks').dropColumn(column).execute();
  }
}
