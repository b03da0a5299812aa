import { isPostgres, type Db } from './open.js';
import { parseSkills } from './instances.js';

// What the router (server/src/routing/router.ts) reads and writes. A reservation is an offer the
// system made: offered_to_id set, offered_by_id NULL, offer_expires_at its deadline. Accepting it
// is the usual claim (claimTask with `offeredToId`); it ends like an offer does, so the offer
// sweeper, the Accept/Decline screens and the log serve both.

/** A routing pass per instance at a time: PostgreSQL waits here; SQLite has one writer anyway. */
export async function lockInstanceForRouting(tx: Db, instanceId: string): Promise<void> {
  if (!isPostgres(tx)) return;
  await tx.selectFrom('instances').select('id').where('id', '=', instanceId).forUpdate().execute();
}

export interface WaitingTask {
  id: string;
  type: string;
  priority: number;
  skills: string[];
  createdAt: string;
  /** Who last let it go (declined or let the reservation lapse): they get it last. */
  returnedById: string | null;
}

/** Open tasks nobody has or is offered, in routing order: priority, then the oldest. */
export async function listWaitingTasks(
  db: Db,
  instanceId: string,
  limit: number,
): Promise<WaitingTask[]> {
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'type', 'priority', 'skills', 'created_at', 'offer_return'])
    .where('instance_id', '=', instanceId)
    .where('status', '=', 'open')
    .where('assignee_id', 'is', null)
    .where('offered_to_id', 'is', null)
    .orderBy('priority', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    priority: Number(r.priority),
    skills: parseSkills(r.skills),
    createdAt: r.created_at,
    returnedById: returnedBy(r.offer_return),
  }));
}

function returnedBy(offerReturn: string | null): string | null {
  if (!offerReturn) return null;
  try {
    const parsed = JSON.parse(offerReturn) as { byId?: unknown };
    return typeof parsed.byId === 'string' ? parsed.byId : null;
  } catch {
    return null;
  }
}

export interface RoutingAgentRow {
  userId: string;
  status: string;
  since: string;
  lastRoutedAt: string | null;
  skills: string[];
  /**
   * Tasks of each type the agent holds: open and assigned to them, or reserved to them; for calls
   * only the reserved ones (an open call task is not a call in progress).
   */
  load: Record<string, number>;
}

/** Members in one of `statuses` (those that receive work), with their skills and load. */
export async function routingAgents(
  db: Db,
  instanceId: string,
  statuses: readonly string[],
  now: string,
): Promise<RoutingAgentRow[]> {
  if (statuses.length === 0) return [];
  const rows = await db
    .selectFrom('agent_statuses as s')
    .innerJoin('memberships as m', (join) =>
      join.onRef('m.instance_id', '=', 's.instance_id').onRef('m.user_id', '=', 's.user_id'),
    )
    .select(['s.user_id', 's.status', 's.since', 's.last_routed_at', 'm.skills'])
    .where('s.instance_id', '=', instanceId)
    .where('s.status', 'in', [...statuses])
    .execute();
  if (rows.length === 0) return [];
  const agents = new Map<string, RoutingAgentRow>();
  for (const r of rows) {
    agents.set(r.user_id, {
      userId: r.user_id,
      status: r.status,
      since: r.since,
      lastRoutedAt: r.last_routed_at ?? null,
      skills: parseSkills(r.skills),
      load: {},
    });
  }
  const ids = [...agents.keys()];
  const held = await db
    .selectFrom('tasks')
    .select(['assignee_id', 'offered_to_id', 'offered_by_id', 'offer_expires_at', 'type'])
    .where('instance_id', '=', instanceId)
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('assignee_id', 'in', ids), eb('offered_to_id', 'in', ids)]))
    .execute();
  for (const t of held) {
    const reserved =
      t.offered_by_id === null && t.offer_expires_at !== null && t.offer_expires_at > now;
    // A call task stays open after the call for the write-up: only a live call holds the line
    // (the router adds live queue calls; a reserved call task counts here).
    if (t.type === 'call' && !reserved) continue;
    const holder = reserved ? t.offered_to_id : t.assignee_id;
    const agent = holder === null ? undefined : agents.get(holder);
    if (agent) agent.load[t.type] = (agent.load[t.type] ?? 0) + 1;
  }
  return [...agents.values()];
}

/** Reserves a waiting task to `to` until `expiresAt`; false when it stopped waiting meanwhile. */
export async function reserveTask(
  tx: Db,
  r: { instanceId: string; taskId: string; to: string; now: string; expiresAt: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('tasks')
    .set((eb) => ({
      offered_to_id: r.to,
      offered_by_id: null,
      offer_expires_at: r.expiresAt,
      offer_return: null,
      updated_at: r.now,
      version: eb('version', '+', 1),
    }))
    .where('instance_id', '=', r.instanceId)
    .where('id', '=', r.taskId)
    .where('status', '=', 'open')
    .where('assignee_id', 'is', null)
    .where('offered_to_id', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await tx
    .updateTable('agent_statuses')
    .set({ last_routed_at: r.now })
    .where('instance_id', '=', r.instanceId)
    .where('user_id', '=', r.to)
    .execute();
  return true;
}

/**
 * Ends a live reservation of `agentId` on the task (declined, timed out, a call not answered):
 * the task waits again, remembering who let it go. False when it is not reserved to them now.
 */
export async function endReservation(
  tx: Db,
  r: { instanceId: string; taskId: string; agentId: string; offerReturn: string; now: string },
): Promise<boolean> {
  const result = await tx
    .updateTable('tasks')
    .set((eb) => ({
      offered_to_id: null,
      offer_expires_at: null,
      offer_return: r.offerReturn,
      updated_at: r.now,
      version: eb('version', '+', 1),
    }))
    .where('instance_id', '=', r.instanceId)
    .where('id', '=', r.taskId)
    .where('offered_to_id', '=', r.agentId)
    .where('offered_by_id', 'is', null)
    .where('assignee_id', 'is', null)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Moves the agent to `status` if they are still in one of `from`; true when it did. */
export async function moveAgentStatus(
  tx: Db,
  a: { instanceId: string; userId: string; from: readonly string[]; status: string; now: string },
): Promise<boolean> {
  if (a.from.length === 0) return false;
  const result = await tx
    .updateTable('agent_statuses')
    .set({ status: a.status, since: a.now })
    .where('instance_id', '=', a.instanceId)
    .where('user_id', '=', a.userId)
    .where('status', 'in', [...a.from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Instances that route by push, for the routing sweeper. */
export async function listPushRoutingInstances(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('instances')
    .select('id')
    .where('push_routing', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

export interface AgentInStatus {
  instanceId: string;
  userId: string;
  status: string;
  since: string;
  /** The instance's wrap-up time, for the wrap-up sweeper. */
  wrapUpSeconds: number;
}

/** Agents in `status` across instances, the longest in it first. */
export async function listAgentsInStatus(
  db: Db,
  status: string,
  limit: number,
): Promise<AgentInStatus[]> {
  const rows = await db
    .selectFrom('agent_statuses as s')
    .innerJoin('instances as i', 'i.id', 's.instance_id')
    .select(['s.instance_id', 's.user_id', 's.status', 's.since', 'i.wrap_up_seconds'])
    .where('s.status', '=', status)
    .orderBy('s.since')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    instanceId: r.instance_id,
    userId: r.user_id,
    status: r.status,
    since: r.since,
    wrapUpSeconds: Number(r.wrap_up_seconds),
  }));
}
