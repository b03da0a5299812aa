// Push routing (issue 6): waiting tasks are reserved to Ready agents without anyone dispatching
// them. One pass per instance at a time (lockInstanceForRouting) reads the waiting tasks in
// routing order and the agents that receive work, decides with the pure rules (rules.ts) and
// reserves with a conditional UPDATE, so a task changed meanwhile is skipped, never held twice.
// A reservation is an offer from the system (offered_by_id NULL): the agent accepts it like any
// offer (claimTask), declines it, or lets it run out; then the task waits again and the agent,
// who did not answer, is Missed so work stops bouncing to someone away (missReservation).
import type { Clock } from '../clock.js';
import { liveCallsByAgent } from '../db/acd.js';
import {
  endReservation,
  findInstanceSettings,
  insertLogItems,
  listWaitingTasks,
  lockInstanceForRouting,
  moveAgentStatus,
  recordChanges,
  reserveTask,
  routingAgents,
  withTransaction,
  type ChangeRecord,
  type Db,
  type RoutingAgentRow,
  type WaitingTask,
} from '../db/index.js';
import { everyone } from '../sync/apply-context.js';
import { logItemId } from '../sync/log-id.js';
import type { Poker } from '../sync/poker.js';
import {
  channels,
  defaultRoutingConfig,
  pickAgent,
  reservationExpiresAt,
  type AgentSnapshot,
  type Channel,
  type RoutingConfig,
  type RoutingTask,
  type StatusDefinition,
} from './rules.js';
import { definitionOf, receivingKeys, statusDefinitions } from './status-definitions.js';

export interface RouterDeps {
  db: Db;
  clock: Clock;
  poker: Poker;
  config?: RoutingConfig;
}

/** How many waiting tasks one pass looks at: the head of the queue is what can be routed now. */
const PASS_SIZE = 100;

export interface Reservation {
  taskId: string;
  agentId: string;
  expiresAt: string;
}

/** Reserves waiting tasks of the instance to eligible agents; returns the reservations made. */
export async function routeWaiting(deps: RouterDeps, instanceId: string): Promise<Reservation[]> {
  const now = deps.clock();
  const nowIso = now.toISOString();
  const made = await withTransaction(deps.db, async (tx) => {
    await lockInstanceForRouting(tx, instanceId);
    const config = deps.config ?? (await instanceRoutingConfig(tx, instanceId));
    // The instance's own statuses too: an agent in "Email only" receives email, not calls.
    const definitions = await statusDefinitions(tx, instanceId);
    const rows = await routingAgents(tx, instanceId, receivingKeys(definitions), nowIso);
    if (rows.length === 0) return [];
    // A queue call ringing or in progress holds the agent's line (call capacity).
    const calls = await liveCallsByAgent(tx, instanceId, nowIso);
    const agents = rows.map((row) => {
      const agent = snapshot(row, definitions);
      const live = calls.get(row.userId) ?? 0;
      return { ...agent, load: { ...agent.load, call: (agent.load.call ?? 0) + live } };
    });
    const waiting = await listWaitingTasks(tx, instanceId, PASS_SIZE);
    const reservations: Reservation[] = [];
    for (const task of waiting) {
      const routing = routingTask(task);
      if (!routing) continue;
      const agent = pickPreferringOthers(routing, task.returnedById, agents, config);
      if (!agent) continue;
      const expiresAt = reservationExpiresAt(routing.channel, now, config).toISOString();
      const reserved = await reserveTask(tx, {
        instanceId,
        taskId: task.id,
        to: agent.userId,
        now: nowIso,
        expiresAt,
      });
      if (!reserved) continue;
      // The agent holds one more of this channel and is no longer the one idle longest.
      const load = { ...agent.load, [routing.channel]: (agent.load[routing.channel] ?? 0) + 1 };
      Object.assign(agent, { load, idleSince: nowIso });
      reservations.push({ taskId: task.id, agentId: agent.userId, expiresAt });
    }
    const changes: ChangeRecord[] = [];
    const logs = reservations.map((r) =>
      systemLog(instanceId, r.taskId, 'offered', nowIso, {
        toUserId: r.agentId,
        expiresAt: r.expiresAt,
        via: 'routing',
      }),
    );
    if (logs.length > 0) await insertLogItems(tx, logs);
    for (const r of reservations) changes.push(everyone('task', r.taskId));
    for (const l of logs) changes.push(everyone('logItem', l.id));
    await recordChanges(tx, instanceId, changes);
    return reservations;
  });
  if (made.length > 0) deps.poker.poke(instanceId, 'instance');
  return made;
}

/**
 * Ends the agent's reservation of the task as missed (it ran out, or a routed call was not
 * answered): the task waits again and the agent, if still in a status that receives work, moves
 * to Missed. False when the task is not reserved to them any more (accepted, declined, re-routed).
 */
export async function missReservation(
  tx: Db,
  m: { instanceId: string; taskId: string; agentId: string; now: string; expiresAt: string },
): Promise<{ missed: boolean; changes: ChangeRecord[] }> {
  const offerReturn = JSON.stringify({
    kind: 'expired',
    byId: m.agentId,
    reason: null,
    at: m.expiresAt,
  });
  const ended = await endReservation(tx, { ...m, offerReturn });
  if (!ended) return { missed: false, changes: [] };
  const log = systemLog(m.instanceId, m.taskId, 'offer_expired', m.now, {
    toUserId: m.agentId,
    offeredById: null,
    via: 'routing',
  });
  await insertLogItems(tx, [log]);
  const changes = [everyone('task', m.taskId), everyone('logItem', log.id)];
  const moved = await moveAgentStatus(tx, {
    instanceId: m.instanceId,
    userId: m.agentId,
    from: receivingKeys(await statusDefinitions(tx, m.instanceId)),
    status: 'missed',
    now: m.now,
  });
  if (moved) changes.push(everyone('agentStatus', m.agentId));
  return { missed: true, changes };
}

/** The instance's capacity, and its reservation time for every channel it routes by push. */
async function instanceRoutingConfig(tx: Db, instanceId: string): Promise<RoutingConfig> {
  const settings = await findInstanceSettings(tx, instanceId);
  if (!settings) return defaultRoutingConfig;
  const ms = settings.reservationSeconds * 1000;
  return {
    capacity: settings.capacity,
    reservationTimeoutMs: { call: ms, email: ms, chat: ms, manual: ms },
  };
}

function systemLog(
  instanceId: string,
  taskId: string,
  kind: 'offered' | 'offer_expired',
  now: string,
  data: Record<string, unknown>,
) {
  return {
    id: logItemId(now),
    instance_id: instanceId,
    task_id: taskId,
    actor_id: null,
    kind,
    data: JSON.stringify(data),
    created_at: now,
  };
}

/** The one who just let the task go gets it again only when nobody else may take it. */
function pickPreferringOthers(
  task: RoutingTask,
  returnedById: string | null,
  agents: AgentSnapshot[],
  config: RoutingConfig,
): AgentSnapshot | undefined {
  if (returnedById === null) return pickAgent(task, agents, config);
  const others = agents.filter((a) => a.userId !== returnedById);
  return pickAgent(task, others, config) ?? pickAgent(task, agents, config);
}

function snapshot(row: RoutingAgentRow, definitions: readonly StatusDefinition[]): AgentSnapshot {
  const status = definitionOf(definitions, row.status);
  const routedLater = row.lastRoutedAt !== null && row.lastRoutedAt > row.since;
  return {
    userId: row.userId,
    status,
    skills: row.skills,
    load: row.load,
    idleSince: routedLater && row.lastRoutedAt !== null ? row.lastRoutedAt : row.since,
  };
}

function routingTask(task: WaitingTask): RoutingTask | undefined {
  const channel = channels.find((c) => c === task.type) as Channel | undefined;
  if (!channel) return undefined;
  return {
    id: task.id,
    channel,
    priority: task.priority,
    requiredSkills: task.skills,
    queuedAt: task.createdAt,
  };
}
