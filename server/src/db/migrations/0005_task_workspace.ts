import type { Kysely } from 'kysely';

// Never edit after it lands: add a new migration instead.
// Issue 5, the tasks workspace: offers that expire and come back with a reason, outcome tags,
// follow-ups, the skills of each member (an offer needs them), and two instance settings.
export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite adds one column per ALTER TABLE.
  await db.schema
    .alterTable('tasks')
    .addColumn('offered_by_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('tasks').addColumn('offer_expires_at', 'text').execute();
  // JSON {kind: 'declined' | 'expired', byId, reason, at}: what became of the last offer.
  await db.schema.alterTable('tasks').addColumn('offer_return', 'text').execute();
  await db.schema.alterTable('tasks').addColumn('outcome_tag', 'text').execute();
  await db.schema
    .alterTable('tasks')
    .addColumn('follow_up_of_id', 'text', (c) => c.references('tasks.id').onDelete('set null'))
    .execute();
  // The sweeper looks for offers past their time; most rows have none (NULL).
  await db.schema
    .createIndex('tasks_offer_expires_idx')
    .on('tasks')
    .column('offer_expires_at')
    .execute();

  await db.schema
    .alterTable('memberships')
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  await db.schema
    .alterTable('instances')
    .addColumn('outcome_tag_required', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('instances')
    .addColumn('offer_ttl_seconds', 'integer', (c) => c.notNull().defaultTo(600))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('instances').dropColumn('offer_ttl_seconds').execute();
  await db.schema.alterTable('instances').dropColumn('outcome_tag_required').execute();
  await db.schema.alterTable('memberships').dropColumn('skills').execute();
  await db.schema.dropIndex('tasks_offer_expires_idx').execute();
  for (const column of [
    'follow_up_of_id',
    'outcome_tag',
    'offer_return',
    'offer_expires_at',
    'offered_by_id',
  ]) {
    await db.schema.alterTable('tasks').dropColumn(column).execute();
  }
}
