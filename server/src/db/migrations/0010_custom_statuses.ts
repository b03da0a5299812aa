import { sql, type Kysely } from 'kysely';

// Never edit after it lands: add a new migration instead.
// Issue 6, custom agent statuses: an instance's admins add statuses next to the built-in ones
// ("Email only", "Lunch"), each with a colour, whether it receives work, which channels it
// receives (JSON array, null for all) and an optional time limit. Agents' rows in agent_statuses
// hold the key, a stable 'c-<id>' that never clashes with a built-in or another instance's key.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('custom_statuses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) =>
      c.notNull().references('instances.id').onDelete('cascade'),
    )
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('colour', 'text', (c) => c.notNull())
    .addColumn('receives_work', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('channels', 'text')
    .addColumn('time_limit_seconds', 'integer')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Two admins adding "Lunch" at once: the second insert fails instead of making a twin. lower()
  // folds ASCII only on SQLite; the route compares labels with full case folding first.
  await sql`create unique index custom_statuses_label_idx on custom_statuses (instance_id, lower(label))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('custom_statuses').execute();
}
