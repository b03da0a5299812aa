import type { Kysely } from 'kysely';

// Never edit after it lands: add a new migration instead.
// Issue 6: how much work of each channel an agent handles at once is the instance's choice
// (a JSON object {call, email, chat, manual}); NULL keeps the defaults of routing/rules.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('instances').addColumn('capacity', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('instances').dropColumn('capacity').execute();
}
