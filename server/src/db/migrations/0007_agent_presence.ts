import type { Kysely } from 'kysely';

// Never edit after it lands: add a new migration instead.
// Issue 6: when each agent was last seen connected (a sync socket on any server node), so an agent
// who closed every tab or lost the network leaves the statuses that receive work after a grace
// period, and calls never ring someone who is gone. In the database, not in a node's memory, so
// every node's sockets count and a restart forgets nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agent_statuses').addColumn('last_seen_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agent_statuses').dropColumn('last_seen_at').execute();
}
