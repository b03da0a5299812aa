import type { Db } from './open.js';

// Offers past their time, for the sweeper (server/src/sync/offer-sweeper.ts). Ending one is a
// conditional UPDATE too: an offer accepted or declined meanwhile is not touched.

export interface ExpiredOffer {
  instanceId: string;
  taskId: string;
  offeredToId: string;
  offeredById: string | null;
  assigneeId: string | null;
  expiresAt: string;
}

/** Offers whose time is over at `now`, the oldest first, across instances. */
export async function listExpiredOffers(
  db: Db,
  now: string,
  limit: number,
): Promise<ExpiredOffer[]> {
  const rows = await db
    .selectFrom('tasks')
    .select([
      'instance_id',
      'id',
      'offered_to_id',
      'offered_by_id',
      'assignee_id',
      'offer_expires_at',
    ])
    .where('offer_expires_at', '<=', now)
    .where('offered_to_id', 'is not', null)
    .orderBy('offer_expires_at')
    .limit(limit)
    .execute();
  return rows.flatMap((r) =>
    r.offered_to_id === null || r.offer_expires_at === null
      ? []
      : [
          {
            instanceId: r.instance_id,
            taskId: r.id,
            offeredToId: r.offered_to_id,
            offeredById: r.offered_by_id,
            assigneeId: r.assignee_id,
            expiresAt: r.offer_expires_at,
          },
        ],
  );
}

/** Ends the offer as expired; false when it was answered (or renewed) meanwhile. */
export async function endExpiredOffer(
  tx: Db,
  offer: ExpiredOffer,
  offerReturn: string,
  now: string,
): Promise<boolean> {
  const result = await tx
    .updateTable('tasks')
    .set((eb) => ({
      offered_to_id: null,
      offer_expires_at: null,
      offer_return: offerReturn,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('instance_id', '=', offer.instanceId)
    .where('id', '=', offer.taskId)
    .where('offered_to_id', '=', offer.offeredToId)
    .where('offer_expires_at', '=', offer.expiresAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
