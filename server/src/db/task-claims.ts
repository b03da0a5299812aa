import type { Db } from './open.js';
import type { TasksTable } from './schema.js';

// The one way a task gets an assignee: a conditional UPDATE whose WHERE holds every condition
// the caller relied on, so it is decided by the database in one statement, never read-then-write.
// Two agents claiming at once: SQLite runs one writer at a time; PostgreSQL makes the second
// UPDATE wait for the first's row lock and then re-checks the WHERE against the committed row, so
// it matches nothing. Manual assign, accepting an offer, a declined offer going back, task
// creation and (issue 6) Play and routing all come through here.

export interface ClaimConditions {
  /** The task is assigned to exactly this user now (null: to nobody). */
  assigneeId?: string | null;
  /** The task is offered to this user now, and the offer has not expired at `now`. */
  offeredToId?: string;
  /** The task is not resolved. */
  unresolved?: boolean;
  /** Nobody holds an offer of the task (Play and routing never take a task from an offer). */
  notOffered?: boolean;
  /** The task has this status now (Play and routing take only open tasks, not pending ones). */
  status?: TasksTable['status'];
}

export interface Claim {
  instanceId: string;
  taskId: string;
  /** The new assignee; null releases the task. */
  to: string | null;
  /** ISO time of the claim: updated_at, and the offer expiry check. */
  now: string;
  when?: ClaimConditions;
}

/** True when this claim won; false when a condition no longer held (nothing changed). */
export async function claimTask(db: Db, claim: Claim): Promise<boolean> {
  const when = claim.when ?? {};
  let query = db
    .updateTable('tasks')
    .set((eb) => ({
      assignee_id: claim.to,
      // Any open offer is answered by the claim; what came of an earlier one is history now.
      offered_to_id: null,
      offered_by_id: null,
      offer_expires_at: null,
      offer_return: null,
      updated_at: claim.now,
      version: eb('version', '+', 1),
    }))
    .where('instance_id', '=', claim.instanceId)
    .where('id', '=', claim.taskId);
  if (when.assigneeId !== undefined) {
    query =
      when.assigneeId === null
        ? query.where('assignee_id', 'is', null)
        : query.where('assignee_id', '=', when.assigneeId);
  }
  if (when.offeredToId !== undefined) {
    query = query
      .where('offered_to_id', '=', when.offeredToId)
      .where('offer_expires_at', '>', claim.now);
  }
  if (when.unresolved) query = query.where('status', '!=', 'resolved');
  if (when.notOffered) query = query.where('offered_to_id', 'is', null);
  if (when.status !== undefined) query = query.where('status', '=', when.status);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
