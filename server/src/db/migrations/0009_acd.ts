import type { Kysely } from 'kysely';

// Never edit after it lands: add a new migration instead.
// Issue 6, inbound calls (ACD): the numbers a caller dials to reach a queue, each with the skills
// and priority its call tasks get and how long one agent rings; and the calls Kamailio is routing
// now, so its second question about a call (no answer, answered, hung up) finds the task and the
// agent it rang. Queue numbers are unique across instances: a dialled number names one tenant.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('queue_numbers')
    .addColumn('number', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) =>
      c.notNull().references('instances.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON array of skill names every agent it rings must have.
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(3))
    // How long one agent rings before the next is tried: the call's reservation timeout.
    .addColumn('ring_seconds', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('queue_numbers_instance_idx')
    .on('queue_numbers')
    .column('instance_id')
    .execute();

  await db.schema
    .createTable('acd_calls')
    // Kamailio's Call-ID of the caller's INVITE.
    .addColumn('call_id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) =>
      c.notNull().references('instances.id').onDelete('cascade'),
    )
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('number', 'text', (c) => c.notNull())
    // The agent ringing now (state ringing) or talking (answered); null while nobody is.
    .addColumn('agent_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    // ringing | answered | ended (nobody answered, the caller hung up, or the call is over)
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Capacity: the live calls of an agent (ringing or answered).
  await db.schema
    .createIndex('acd_calls_agent_idx')
    .on('acd_calls')
    .columns(['instance_id', 'agent_id', 'state'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('acd_calls').execute();
  await db.schema.dropTable('queue_numbers').execute();
}
