import { sql, type Kysely } from 'kysely';

// Never edit after it lands: add a new migration instead.
// Issue 6, push routing: an instance may hand waiting tasks to Ready agents itself (a reservation
// the agent accepts or declines, or that times out and leaves them Missed); a wrap-up time after a
// call; and when each agent was last given work, so the one idle longest gets the next task.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('instances')
    .addColumn('push_routing', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('instances')
    .addColumn('wrap_up_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // How long an agent has to accept work the router reserved to them.
  await db.schema
    .alterTable('instances')
    .addColumn('reservation_seconds', 'integer', (c) => c.notNull().defaultTo(120))
    .execute();
  await db.schema.alterTable('agent_statuses').addColumn('last_routed_at', 'text').execute();
  // The sweeper finds agents in wrap-up whose time is over across instances.
  await sql`create index agent_statuses_status_idx on agent_statuses (status, since)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index agent_statuses_status_idx`.execute(db);
  await db.schema.alterTable('agent_statuses').dropColumn('last_routed_at').execute();
  await db.schema.alterTable('instances').dropColumn('reservation_seconds').execute();
  await db.schema.alterTable('instances').dropColumn('wrap_up_seconds').execute();
  await db.schema.alterTable('instances').dropColumn('push_routing').execute();
}
