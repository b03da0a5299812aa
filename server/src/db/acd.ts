import { parseSkills } from './instances.js';
import type { Db } from './open.js';
import type { AcdCallsTable } from './schema.js';

// Inbound calls (ACD, migration 0009): queue numbers and the calls Kamailio is routing. The
// reservation itself lives on the task (db/routing.ts); an acd_calls row says which call it is
// and whom it rings, so the next question about the call (no answer, answered, ended) finds both.

export interface QueueNumber {
  number: string;
  instanceId: string;
  name: string;
  skills: string[];
  priority: number;
  ringSeconds: number;
}

function queueOf(row: {
  number: string;
  instance_id: string;
  name: string;
  skills: string;
  priority: number;
  ring_seconds: number;
}): QueueNumber {
  return {
    number: row.number,
    instanceId: row.instance_id,
    name: row.name,
    skills: parseSkills(row.skills),
    priority: Number(row.priority),
    ringSeconds: Number(row.ring_seconds),
  };
}

const queueColumns = [
  'number',
  'instance_id',
  'name',
  'skills',
  'priority',
  'ring_seconds',
] as const;

/** The queue a dialled number names, in whichever instance has it. */
export async function findQueueNumber(db: Db, number: string): Promise<QueueNumber | undefined> {
  const row = await db
    .selectFrom('queue_numbers')
    .select(queueColumns)
    .where('number', '=', number)
    .executeTakeFirst();
  return row && queueOf(row);
}

export async function listQueueNumbers(db: Db, instanceId: string): Promise<QueueNumber[]> {
  const rows = await db
    .selectFrom('queue_numbers')
    .select(queueColumns)
    .where('instance_id', '=', instanceId)
    .orderBy('number')
    .execute();
  return rows.map(queueOf);
}

/** Creates the number in the instance or changes it; false when another instance has it. */
export async function saveQueueNumber(db: Db, queue: QueueNumber, now: string): Promise<boolean> {
  const values = {
    name: queue.name,
    skills: JSON.stringify([...new Set(queue.skills)]),
    priority: queue.priority,
    ring_seconds: queue.ringSeconds,
  };
  const updated = await db
    .updateTable('queue_numbers')
    .set(values)
    .where('number', '=', queue.number)
    .where('instance_id', '=', queue.instanceId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return true;
  const inserted = await db
    .insertInto('queue_numbers')
    .values({ number: queue.number, instance_id: queue.instanceId, created_at: now, ...values })
    .onConflict((oc) => oc.column('number').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

export type AcdCall = AcdCallsTable;

export async function insertAcdCall(tx: Db, row: AcdCall): Promise<void> {
  await tx.insertInto('acd_calls').values(row).execute();
}

export async function findAcdCall(db: Db, callId: string): Promise<AcdCall | undefined> {
  return db.selectFrom('acd_calls').selectAll().where('call_id', '=', callId).executeTakeFirst();
}

/** Moves the call on from the state the caller read; false when someone else moved it first. */
export async function updateAcdCall(
  tx: Db,
  callId: string,
  from: Pick<AcdCall, 'state' | 'agent_id'>,
  to: Pick<AcdCall, 'state' | 'agent_id' | 'updated_at'>,
): Promise<boolean> {
  let query = tx
    .updateTable('acd_calls')
    .set(to)
    .where('call_id', '=', callId)
    .where('state', '=', from.state);
  query =
    from.agent_id === null
      ? query.where('agent_id', 'is', null)
      : query.where('agent_id', '=', from.agent_id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Live calls per agent: answered, or ringing while the task's reservation to them lasts (a
 * Kamailio that died mid-ring never reports, and the offer sweeper ends the reservation). A phone
 * line holds one call, so these, not the call tasks an agent keeps open for days after the call,
 * are what call capacity counts.
 */
export async function liveCallsByAgent(
  tx: Db,
  instanceId: string,
  now: string,
): Promise<Map<string, number>> {
  const rows = await tx
    .selectFrom('acd_calls as c')
    .innerJoin('tasks as t', 't.id', 'c.task_id')
    .select(['c.agent_id', (eb) => eb.fn.countAll<number>().as('calls')])
    .where('c.instance_id', '=', instanceId)
    .where('c.agent_id', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('c.state', '=', 'answered'),
        eb.and([
          eb('c.state', '=', 'ringing'),
          eb('t.offered_to_id', '=', eb.ref('c.agent_id')),
          eb('t.offer_expires_at', '>', now),
        ]),
      ]),
    )
    .groupBy('c.agent_id')
    .execute();
  const calls = new Map<string, number>();
  for (const r of rows) if (r.agent_id !== null) calls.set(r.agent_id, Number(r.calls));
  return calls;
}

/**
 * The agent's phone recorded the end of a queue call on its task: their line is free even when
 * Kamailio never reported the BYE (restarted meanwhile).
 */
export async function endAnsweredCall(
  tx: Db,
  call: { instanceId: string; taskId: string; agentId: string; now: string },
): Promise<void> {
  await tx
    .updateTable('acd_calls')
    .set({ state: 'ended', agent_id: null, updated_at: call.now })
    .where('instance_id', '=', call.instanceId)
    .where('task_id', '=', call.taskId)
    .where('agent_id', '=', call.agentId)
    .where('state', '=', 'answered')
    .execute();
}

/** Members' extensions by user id: an agent without one has no phone to ring. */
export async function memberExtensions(db: Db, instanceId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('memberships')
    .select(['user_id', 'extension'])
    .where('instance_id', '=', instanceId)
    .where('extension', 'is not', null)
    .execute();
  const found = new Map<string, string>();
  for (const r of rows) if (r.extension !== null) found.set(r.user_id, r.extension);
  return found;
}
