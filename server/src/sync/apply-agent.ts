import {
  findAgentStatus,
  findCallAnywhere,
  hasCustomStatus,
  insertCall,
  isMember,
  lockTask,
  upsertAgentStatuses,
  type ChangeRecord,
} from '../db/index.js';
import {
  everyone,
  isOneOf,
  isoTime,
  ok,
  reject,
  UUID,
  type ApplyContext,
  type Outcome,
} from './apply-context.js';
import { startWrapUp } from '../routing/wrap-up.js';
import { endAnsweredCall } from '../db/acd.js';
import { createCallTask, logCallOnTask } from './call-task.js';
import type { IncomingArgs } from './incoming.js';
import { agentStatuses, callDirections, callOutcomes } from './protocol.js';

const serverSetStatuses = ['missed', 'wrap_up'] as const;

/** An older choice (made offline, delivered late) never overwrites a newer one. */
export async function agentStatusSet(
  ctx: ApplyContext,
  a: IncomingArgs['agentStatus.set'],
): Promise<Outcome> {
  const { instanceId, userId } = ctx.actor;
  // The built-in statuses and this instance's own; another instance's key is unknown here.
  if (!isOneOf(agentStatuses, a.status) && !(await hasCustomStatus(ctx.tx, instanceId, a.status))) {
    return reject('invalid', `"${a.status}" is not an agent status.`, [
      { kind: 'agentStatus', id: userId },
    ]);
  }
  // Missed and wrap-up say what the server saw (a reservation that ran out, a call just ended);
  // an agent leaves them by choosing another status, never enters them by choice.
  if (isOneOf(serverSetStatuses, a.status)) {
    return reject('invalid', `"${a.status}" is set by the server; choose another status.`, [
      { kind: 'agentStatus', id: userId },
    ]);
  }
  const at = isoTime(a.at);
  if (at === undefined)
    return reject('invalid', 'The time of the status change is not a time.', []);
  if (!(await isMember(ctx.tx, instanceId, userId))) {
    return reject('forbidden', 'Only members of this instance have a status here.', [
      { kind: 'agentStatus', id: userId },
    ]);
  }
  // A client clock ahead of ours must not pin the status into the future.
  const since = at > ctx.now ? ctx.now : at;
  const current = await findAgentStatus(ctx.tx, instanceId, userId);
  if (
    current &&
    (current.since > since || (current.since === since && current.status === a.status))
  ) {
    return ok();
  }
  await upsertAgentStatuses(ctx.tx, [
    { instance_id: instanceId, user_id: userId, status: a.status, since },
  ]);
  return ok([everyone('agentStatus', userId)]);
}

export async function callRecord(
  ctx: ApplyContext,
  a: IncomingArgs['call.record'],
): Promise<Outcome> {
  const touched = [{ kind: 'call' as const, id: a.id }];
  const invalid = (message: string) => reject('invalid', message, touched);
  const { instanceId, userId } = ctx.actor;
  if (!UUID.test(a.id)) return invalid('The call id must be a UUID.');
  if (!isOneOf(callDirections, a.direction))
    return invalid(`"${a.direction}" is not a call direction.`);
  if (!isOneOf(callOutcomes, a.outcome)) return invalid(`"${a.outcome}" is not a call outcome.`);
  const peer = a.peer.trim();
  if (peer === '' || peer.length > 200)
    return invalid('A call needs the other party, up to 200 characters.');
  const startedAt = isoTime(a.startedAt);
  const endedAt = isoTime(a.endedAt);
  const answeredAt = a.answeredAt === null ? null : isoTime(a.answeredAt);
  if (!startedAt || !endedAt || answeredAt === undefined)
    return invalid('A call time is not a time.');

  const existing = await findCallAnywhere(ctx.tx, a.id);
  if (existing) {
    const same = existing.instance_id === instanceId && existing.user_id === userId;
    return same ? ok() : reject('conflict', 'A call with this id exists already.', touched);
  }
  // A task that is gone (or not this instance's) leaves the call unlinked rather than lost; a
  // call with a customer and no task becomes a new call task.
  const call = { ...a, direction: a.direction, peer, answeredAt, endedAt };
  const task = a.taskId === null ? undefined : await lockTask(ctx.tx, instanceId, a.taskId);
  const changes: ChangeRecord[] = [];
  let taskId: string | null = null;
  if (task) {
    taskId = task.id;
    changes.push(...(await logCallOnTask(ctx, task.id, call)));
    // A queue call's end frees the agent's line for the next one (ACD call capacity).
    await endAnsweredCall(ctx.tx, { instanceId, taskId, agentId: userId, now: ctx.now });
  } else if (a.taskId === null) {
    const created = await createCallTask(ctx, call);
    taskId = created.taskId;
    changes.push(...created.changes);
  }
  await insertCall(ctx.tx, {
    id: a.id,
    instance_id: instanceId,
    user_id: userId,
    direction: a.direction,
    peer,
    peer_name: a.peerName,
    started_at: startedAt,
    answered_at: answeredAt,
    ended_at: endedAt,
    outcome: a.outcome,
    task_id: taskId,
  });
  // An answered call is written up before the next one comes (where the instance has wrap-up).
  if (answeredAt !== null)
    changes.push(...(await startWrapUp(ctx.tx, instanceId, userId, ctx.now)));
  return ok([...changes, { kind: 'call', entityId: a.id, audienceUserId: userId }]);
}
