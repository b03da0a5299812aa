// Inbound calls (ACD, issue 6). Kamailio asks which agent to ring when a call to a queue number
// arrives, asks again when that agent did not answer, and says when one answered and when the
// call ended. Each question is one transaction that decides with the routing rules (rules.ts) and
// changes the task with the router's primitives (reserveTask, missReservation, claimTask), so a
// ringing call is a reservation like any other and no agent is rung for two calls at once.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import {
  findAcdCall,
  findQueueNumber,
  insertAcdCall,
  liveCallsByAgent,
  memberExtensions,
  updateAcdCall,
  type AcdCall,
  type QueueNumber,
} from '../db/acd.js';
import {
  claimTask,
  endReservation,
  findInstanceSettings,
  findSipPrefix,
  insertLogItems,
  lockInstanceForRouting,
  recordChanges,
  reserveTask,
  routingAgents,
  withTransaction,
  type ChangeRecord,
  type Db,
  type LogItemsTable,
} from '../db/index.js';
import { everyone } from '../sync/apply-context.js';
import { logItemId } from '../sync/log-id.js';
import type { Poker } from '../sync/poker.js';
import { insertQueueCallTask, type InboundCall } from './acd-task.js';
import { missReservation } from './router.js';
import { defaultRoutingConfig, pickAgent, type AgentSnapshot } from './rules.js';
import { definitionOf, receivingKeys, statusDefinitions } from './status-definitions.js';

export interface AcdDeps {
  db: Db;
  clock: Clock;
  poker: Poker;
}

/** What Kamailio does next with the call. */
export type AcdAnswer =
  | { action: 'ring'; taskId: string; sipUser: string; ringSeconds: number }
  /** Nobody may take it now: the caller hears busy, the task waits for a call back. */
  | { action: 'busy'; taskId: string }
  /** A report (answered, ended) taken note of. */
  | { action: 'ok'; taskId: string };

export type AcdResult = AcdAnswer | { error: 'unknown_queue' | 'unknown_call' };

/** Why a rung agent did not take the call, as Kamailio tells it. */
export const failureOutcomes = ['no_answer', 'rejected', 'unreachable', 'canceled'] as const;
export type FailureOutcome = (typeof failureOutcomes)[number];

/**
 * The reservation outlives the ring by this much, so Kamailio's report (no answer, answered)
 * always finds it live; the offer sweeper ends it only when Kamailio never reports.
 */
export const RESERVATION_GRACE_MS = 5_000;

/** A call to a queue number arrived: its task, and the agent to ring (or busy). */
export async function routeCall(
  deps: AcdDeps,
  call: InboundCall & { number: string },
): Promise<AcdResult> {
  const queue = await findQueueNumber(deps.db, call.number);
  if (!queue) return { error: 'unknown_queue' };
  const now = deps.clock().toISOString();
  return decide(deps, queue.instanceId, async (tx) => {
    // The same call asked twice (a retransmission that got past Kamailio): the same answer.
    const known = await findAcdCall(tx, call.callId);
    if (known) return { answer: await currentAnswer(tx, known, queue), changes: [] };
    const taskId = randomUUID();
    const created = await insertQueueCallTask(tx, queue, call, taskId, now);
    await insertAcdCall(tx, {
      call_id: call.callId,
      instance_id: queue.instanceId,
      task_id: taskId,
      number: queue.number,
      agent_id: null,
      state: 'ended',
      created_at: now,
      updated_at: now,
    });
    const changes = [everyone('task', taskId), everyone('logItem', created.id)];
    const rung = await ringNext(tx, queue, taskId, call.callId, null, now);
    changes.push(...rung.changes);
    return { answer: rung.answer, changes };
  });
}

/** The agent rung did not take the call: they are Missed (unless the caller hung up), next one. */
export async function callFailed(
  deps: AcdDeps,
  report: { callId: string; agent: string; outcome: FailureOutcome },
): Promise<AcdResult> {
  const known = await findAcdCall(deps.db, report.callId);
  if (!known) return { error: 'unknown_call' };
  const queue = await findQueueNumber(deps.db, known.number);
  const now = deps.clock().toISOString();
  return decide(deps, known.instance_id, async (tx) => {
    const call = await findAcdCall(tx, report.callId);
    if (!call) return { answer: { action: 'busy' as const, taskId: known.task_id }, changes: [] };
    // A report about someone no longer ringing (a repeat): answer what holds now.
    const rungNow = call.state === 'ringing' ? await sipUserOf(tx, call) : null;
    if (rungNow === null || rungNow !== report.agent)
      return { answer: await currentAnswer(tx, call, queue), changes: [] };
    const agentId = call.agent_id ?? '';
    const changes: ChangeRecord[] = [];
    const ended =
      report.outcome === 'canceled'
        ? await endAsCanceled(tx, call, agentId, now)
        : await missReservation(tx, {
            instanceId: call.instance_id,
            taskId: call.task_id,
            agentId,
            now,
            expiresAt: now,
          });
    changes.push(...ended.changes);
    const stopped = await updateAcdCall(tx, call.call_id, call, {
      state: 'ended',
      agent_id: null,
      updated_at: now,
    });
    if (!stopped || report.outcome === 'canceled' || !queue) {
      return { answer: { action: 'busy' as const, taskId: call.task_id }, changes };
    }
    const rung = await ringNext(tx, queue, call.task_id, call.call_id, agentId, now);
    return { answer: rung.answer, changes: [...changes, ...rung.changes] };
  });
}

/** The agent rung answered (Kamailio saw their 200 OK): the reservation is accepted. */
export async function callAnswered(
  deps: AcdDeps,
  report: { callId: string; agent: string },
): Promise<AcdResult> {
  const known = await findAcdCall(deps.db, report.callId);
  if (!known) return { error: 'unknown_call' };
  const now = deps.clock().toISOString();
  return decide(deps, known.instance_id, async (tx) => {
    const call = await findAcdCall(tx, report.callId);
    const ok = { action: 'ok' as const, taskId: known.task_id };
    if (!call || call.state !== 'ringing' || call.agent_id === null)
      return { answer: ok, changes: [] };
    if ((await sipUserOf(tx, call)) !== report.agent) return { answer: ok, changes: [] };
    const agentId = call.agent_id;
    await updateAcdCall(tx, call.call_id, call, {
      state: 'answered',
      agent_id: agentId,
      updated_at: now,
    });
    const claimed = await claimTask(tx, {
      instanceId: call.instance_id,
      taskId: call.task_id,
      to: agentId,
      now,
      when: { offeredToId: agentId },
    });
    if (!claimed) return { answer: ok, changes: [] };
    const logs = [
      systemLog(call, 'accepted', now, agentId, { offeredById: null, via: 'acd' }),
      systemLog(call, 'assigned', now, agentId, { assigneeId: agentId, from: null, via: 'acd' }),
    ];
    await insertLogItems(tx, logs);
    return {
      answer: ok,
      changes: [everyone('task', call.task_id), ...logs.map((l) => everyone('logItem', l.id))],
    };
  });
}

/** The call is over (a BYE from either side): the agent's line is free again. */
export async function callEnded(deps: AcdDeps, report: { callId: string }): Promise<AcdResult> {
  const call = await findAcdCall(deps.db, report.callId);
  if (!call) return { error: 'unknown_call' };
  if (call.state === 'answered') {
    const now = deps.clock().toISOString();
    await updateAcdCall(deps.db, call.call_id, call, {
      state: 'ended',
      agent_id: null,
      updated_at: now,
    });
  }
  return { action: 'ok', taskId: call.task_id };
}

interface Step {
  answer: AcdAnswer;
  changes: ChangeRecord[];
}

/**
 * One routing decision about a call: serialised with the router per instance, its changes
 * recorded as the transaction's last statement, the agents poked after the commit.
 */
async function decide(
  deps: AcdDeps,
  instanceId: string,
  step: (tx: Db) => Promise<Step>,
): Promise<AcdAnswer> {
  const done = await withTransaction(deps.db, async (tx) => {
    await lockInstanceForRouting(tx, instanceId);
    const result = await step(tx);
    await recordChanges(tx, instanceId, result.changes);
    return result;
  });
  if (done.changes.length > 0) deps.poker.poke(instanceId, 'instance');
  return done.answer;
}

/**
 * Reserves the task to the eligible agent idle longest (not `previous`, who just let it go, unless
 * nobody else may) and marks the call ringing them. No one: busy, the task stays waiting.
 */
async function ringNext(
  tx: Db,
  queue: QueueNumber,
  taskId: string,
  callId: string,
  previous: string | null,
  now: string,
): Promise<Step> {
  const busy: Step = { answer: { action: 'busy', taskId }, changes: [] };
  const candidates = await callAgents(tx, queue.instanceId, now);
  const others = candidates.filter((a) => a.agent.userId !== previous);
  const task = {
    id: taskId,
    channel: 'call' as const,
    priority: queue.priority,
    requiredSkills: queue.skills,
    queuedAt: now,
  };
  const snapshots = others.map((a) => a.agent);
  // The instance's call capacity (an agent with two lines may take a second call).
  const settings = await findInstanceSettings(tx, queue.instanceId);
  const config = settings
    ? { ...defaultRoutingConfig, capacity: settings.capacity }
    : defaultRoutingConfig;
  const picked = pickAgent(task, snapshots, config);
  const chosen = picked && others.find((a) => a.agent.userId === picked.userId);
  if (!chosen) return busy;
  const expiresAt = new Date(
    Date.parse(now) + queue.ringSeconds * 1000 + RESERVATION_GRACE_MS,
  ).toISOString();
  const to = chosen.agent.userId;
  const reserved = await reserveTask(tx, {
    instanceId: queue.instanceId,
    taskId,
    to,
    now,
    expiresAt,
  });
  if (!reserved) return busy;
  await updateAcdCall(
    tx,
    callId,
    { state: 'ended', agent_id: null },
    {
      state: 'ringing',
      agent_id: to,
      updated_at: now,
    },
  );
  const log = systemLog({ instance_id: queue.instanceId, task_id: taskId }, 'offered', now, null, {
    toUserId: to,
    expiresAt,
    via: 'acd',
  });
  await insertLogItems(tx, [log]);
  return {
    answer: { action: 'ring', taskId, sipUser: chosen.sipUser, ringSeconds: queue.ringSeconds },
    changes: [everyone('task', taskId), everyone('logItem', log.id)],
  };
}

/**
 * Agents in a status that receives work (built-in or the instance's own: "Email only" takes no
 * call) who have a phone (an extension), with their call load: the live calls ringing or
 * answered, not the call tasks they keep open after the call.
 */
async function callAgents(
  tx: Db,
  instanceId: string,
  now: string,
): Promise<{ agent: AgentSnapshot; sipUser: string }[]> {
  const prefix = await findSipPrefix(tx, instanceId);
  if (prefix === undefined) return [];
  const definitions = await statusDefinitions(tx, instanceId);
  const [rows, extensions, calls] = await Promise.all([
    routingAgents(tx, instanceId, receivingKeys(definitions), now),
    memberExtensions(tx, instanceId),
    liveCallsByAgent(tx, instanceId, now),
  ]);
  const agents: { agent: AgentSnapshot; sipUser: string }[] = [];
  for (const row of rows) {
    const extension = extensions.get(row.userId);
    if (extension === undefined) continue;
    const status = definitionOf(definitions, row.status);
    const lastWork = row.lastRoutedAt !== null && row.lastRoutedAt > row.since;
    agents.push({
      sipUser: `${prefix}-${extension}`,
      agent: {
        userId: row.userId,
        status,
        skills: row.skills,
        load: { call: calls.get(row.userId) ?? 0 },
        idleSince: lastWork && row.lastRoutedAt !== null ? row.lastRoutedAt : row.since,
      },
    });
  }
  return agents;
}

/** The caller hung up while it rang: the reservation ends, the agent did nothing wrong. */
async function endAsCanceled(
  tx: Db,
  call: AcdCall,
  agentId: string,
  now: string,
): Promise<{ changes: ChangeRecord[] }> {
  const offerReturn = JSON.stringify({
    kind: 'expired',
    byId: null,
    reason: 'caller hung up',
    at: now,
  });
  const ended = await endReservation(tx, {
    instanceId: call.instance_id,
    taskId: call.task_id,
    agentId,
    offerReturn,
    now,
  });
  return { changes: ended ? [everyone('task', call.task_id)] : [] };
}

/** What holds for a call asked about again: ring whom it rings, else busy. */
async function currentAnswer(
  tx: Db,
  call: AcdCall,
  queue: QueueNumber | undefined,
): Promise<AcdAnswer> {
  const sipUser = call.state === 'ringing' ? await sipUserOf(tx, call) : null;
  if (sipUser === null) return { action: 'busy', taskId: call.task_id };
  return { action: 'ring', taskId: call.task_id, sipUser, ringSeconds: queue?.ringSeconds ?? 30 };
}

async function sipUserOf(tx: Db, call: AcdCall): Promise<string | null> {
  if (call.agent_id === null) return null;
  const prefix = await findSipPrefix(tx, call.instance_id);
  const extension = (await memberExtensions(tx, call.instance_id)).get(call.agent_id);
  return prefix === undefined || extension === undefined ? null : `${prefix}-${extension}`;
}

function systemLog(
  call: Pick<AcdCall, 'instance_id' | 'task_id'>,
  kind: 'offered' | 'accepted' | 'assigned',
  now: string,
  actorId: string | null,
  data: Record<string, unknown>,
): LogItemsTable {
  return {
    id: logItemId(now),
    instance_id: call.instance_id,
    task_id: call.task_id,
    actor_id: actorId,
    kind,
    data: JSON.stringify(data),
    created_at: now,
  };
}
