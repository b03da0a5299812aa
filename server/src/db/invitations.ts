import type { Db } from './open.js';
import type { InvitationsTable } from './schema.js';

export type InvitationRow = InvitationsTable;

export async function insertInvitation(db: Db, row: InvitationRow): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

/** An unused, unexpired invitation with its instance name. */
export async function findUsableInvitation(
  db: Db,
  tokenHash: string,
  now: string,
): Promise<(InvitationRow & { instance_name: string }) | undefined> {
  return db
    .selectFrom('invitations as v')
    .innerJoin('instances as i', 'i.id', 'v.instance_id')
    .selectAll('v')
    .select('i.name as instance_name')
    .where('v.token_hash', '=', tokenHash)
    .where('v.used_at', 'is', null)
    .where('v.expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks the invitation used; false when another request used it first. */
export async function markInvitationUsed(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
