import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import { isPostgres, type Db } from './open.js';
import type { Database, TaskType } from './schema.js';

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
    // Any open offer is answered by the claim; what came of an earlier one is history now.
    .set(claimed(claim.to, claim.now))
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
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What every claim writes: the new assignee, any open offer answered. */
function claimed(to: string | null, now: string) {
  return (eb: ExpressionBuilder<Database, 'tasks'>) => ({
    assignee_id: to,
    offered_to_id: null,
    offered_by_id: null,
    offer_expires_at: null,
    offer_return: null,
    updated_at: now,
    version: eb('version', '+', 1),
  });
}

/**
 * Play and routing: claims the first waiting task (open, nobody has it or is offered it) that
 * needs no skill beyond `skills`, highest priority first, then the oldest, in ONE statement:
 * UPDATE ... WHERE id = (SELECT ... LIMIT 1). Reading the queue and claiming its head apart let
 * 200 agents pressing Play at once all race for the same head (p50 6 s on SQLite, 25 s on
 * PostgreSQL in bench/routing-claims.ts). PostgreSQL's SKIP LOCKED hands each concurrent
 * statement a different row instead of making it wait for the first; SQLite runs one statement
 * at a time. The outer WHERE repeats the conditions, so a row changed meanwhile is not taken.
 */
export async function claimNextWaiting(
  db: Db,
  claim: {
    instanceId: string;
    to: string;
    now: string;
    skills: readonly string[];
    /** Only tasks of these types (the agent's status receives only these channels); null: any. */
    types?: readonly string[] | null;
  },
): Promise<string | undefined> {
  if (claim.types != null && claim.types.length === 0) return undefined;
  const have = JSON.stringify([...claim.skills]);
  const postgres = isPostgres(db);
  const hasEverySkill = postgres
    ? sql<SqlBool>`skills::jsonb <@ ${have}::jsonb`
    : sql<SqlBool>`not exists (select 1 from json_each(tasks.skills) as need where need.value not in (select value from json_each(${have})))`;
  let head = db
    .selectFrom('tasks')
    .select('id')
    .where('instance_id', '=', claim.instanceId)
    .where('status', '=', 'open')
    .where('assignee_id', 'is', null)
    .where('offered_to_id', 'is', null)
    .where(hasEverySkill)
    .$if(claim.types != null, (q) => q.where('type', 'in', [...(claim.types ?? [])] as TaskType[]))
    .orderBy('priority', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1);
  if (postgres) head = head.forUpdate().skipLocked();
  const row = await db
    .updateTable('tasks')
    .set(claimed(claim.to, claim.now))
    .where('id', '=', head)
    .where('instance_id', '=', claim.instanceId)
    .where('status', '=', 'open')
    .where('assignee_id', 'is', null)
    .where('offered_to_id', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}
