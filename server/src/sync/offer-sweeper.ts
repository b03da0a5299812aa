// Ends offers nobody answered in time: the task shows the offer came back (expired), the log says
// so, and the offerer and the colleague are poked. Each offer ends in its own transaction with a
// conditional UPDATE, so an accept that commits first wins and the sweeper leaves it alone; the
// state lives in the database, so any number of server nodes may sweep.
import type { Clock } from '../clock.js';
import {
  endExpiredOffer,
  insertLogItems,
  listExpiredOffers,
  recordChanges,
  withTransaction,
  type Db,
} from '../db/index.js';
import { missReservation } from '../routing/router.js';
import { everyone } from './apply-context.js';
import { logItemId } from './log-id.js';
import type { Poker } from './poker.js';

export interface SweepDeps {
  db: Db;
  clock: Clock;
  poker: Poker;
}

const SWEEP_BATCH = 200;

/** Ends every offer expired by now; returns how many it ended. */
export async function expireOffers(deps: SweepDeps): Promise<number> {
  const now = deps.clock().toISOString();
  let ended = 0;
  for (const offer of await listExpiredOffers(deps.db, now, SWEEP_BATCH)) {
    const done = await withTransaction(deps.db, async (tx) => {
      if (offer.offeredById === null) {
        // A reservation the router made: the agent did not answer, so they are Missed too.
        const missed = await missReservation(tx, {
          instanceId: offer.instanceId,
          taskId: offer.taskId,
          agentId: offer.offeredToId,
          now,
          expiresAt: offer.expiresAt,
        });
        if (missed.missed) {
          await recordChanges(tx, offer.instanceId, missed.changes);
          return true;
        }
        // The task was resolved or taken meanwhile: the reservation just ends, nobody missed it.
      }
      const offerReturn = JSON.stringify({
        kind: 'expired',
        byId: offer.offeredToId,
        reason: null,
        at: offer.expiresAt,
      });
      if (!(await endExpiredOffer(tx, offer, offerReturn, now))) return false;
      const logId = logItemId(now);
      await insertLogItems(tx, [
        {
          id: logId,
          instance_id: offer.instanceId,
          task_id: offer.taskId,
          actor_id: null,
          kind: 'offer_expired',
          data: JSON.stringify({ toUserId: offer.offeredToId, offeredById: offer.offeredById }),
          created_at: now,
        },
      ]);
      await recordChanges(tx, offer.instanceId, [
        everyone('task', offer.taskId),
        everyone('logItem', logId),
      ]);
      return true;
    });
    if (done) {
      ended += 1;
      deps.poker.poke(offer.instanceId, 'instance');
    }
  }
  return ended;
}
