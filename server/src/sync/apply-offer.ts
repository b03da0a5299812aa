// Offering a task to a colleague (issue 5): they accept it (it becomes theirs through the claim)
// or decline it with a reason (it goes back to the offerer); an offer not answered in the
// instance's time expires (offer-sweeper.ts). Each step is a log item with actor and time.
import {
  claimTask,
  findInstanceSettings,
  isMember,
  lockTask,
  memberSkills,
  parseSkills,
  updateTask,
} from '../db/index.js';
import { everyone, ok, reject, type ApplyContext, type Outcome } from './apply-context.js';
import { isLeader, logItem, nameOf, taskRef, writeLog } from './apply-task.js';
import type { IncomingArgs } from './incoming.js';
import {
  checkDeclineReason,
  DEFAULT_OFFER_TTL_SECONDS,
  missingSkills,
  offerExpiry,
  offerIsLive,
} from './task-rules.js';

const clock = (iso: string) => iso.slice(11, 16);

export async function taskOffer(
  ctx: ApplyContext,
  a: IncomingArgs['task.offer'],
): Promise<Outcome> {
  const touched = [taskRef(a.taskId)];
  const { instanceId, userId } = ctx.actor;
  const task = await lockTask(ctx.tx, instanceId, a.taskId);
  if (!task) return reject('not_found', 'This task no longer exists.', touched);
  if (a.toUserId === userId)
    return reject('invalid', 'You cannot offer a task to yourself.', touched);
  if (!(await isMember(ctx.tx, instanceId, a.toUserId))) {
    return reject('invalid', 'You can only offer a task to a member of this instance.', touched);
  }
  if (!isLeader(ctx) && task.assignee_id !== null && task.assignee_id !== userId) {
    return reject('forbidden', 'You can only offer your own or unassigned tasks.', touched);
  }
  if (task.status === 'resolved') {
    return reject('invalid', 'A resolved task cannot be offered; reopen it first.', touched);
  }
  const name = await nameOf(ctx, a.toUserId);
  if (task.assignee_id === a.toUserId) {
    return reject('invalid', `${name} has this task already.`, touched);
  }
  const has = (await memberSkills(ctx.tx, instanceId, [a.toUserId])).get(a.toUserId) ?? [];
  const missing = missingSkills(parseSkills(task.skills), has);
  if (missing.length > 0) {
    return reject(
      'invalid',
      `${name} lacks the skill ${missing.join(', ')} this task needs; offer it to someone who has it.`,
      touched,
    );
  }
  const nowMs = Date.parse(ctx.now);
  const live = { offeredToId: task.offered_to_id, offerExpiresAt: task.offer_expires_at };
  if (task.offered_to_id === a.toUserId && offerIsLive(live, nowMs)) return ok();
  const settings = await findInstanceSettings(ctx.tx, instanceId);
  const expiresAt = offerExpiry(nowMs, settings?.offerTtlSeconds ?? DEFAULT_OFFER_TTL_SECONDS);
  await updateTask(
    ctx.tx,
    instanceId,
    task.id,
    {
      offered_to_id: a.toUserId,
      offered_by_id: userId,
      offer_expires_at: expiresAt,
      offer_return: null,
    },
    ctx.now,
  );
  const log = [logItem(ctx, task.id, 'offered', { toUserId: a.toUserId, expiresAt })];
  return ok([everyone('task', task.id), ...(await writeLog(ctx, log))]);
}

/** Why the user cannot answer this offer now, or null when they can. */
async function offerProblem(
  ctx: ApplyContext,
  task: {
    offered_to_id: string | null;
    offer_expires_at: string | null;
    offered_by_id: string | null;
  },
): Promise<string | null> {
  const { userId } = ctx.actor;
  if (task.offered_to_id !== userId) return 'This task is not offered to you any more.';
  const live = { offeredToId: task.offered_to_id, offerExpiresAt: task.offer_expires_at };
  if (!offerIsLive(live, Date.parse(ctx.now))) {
    const at = task.offer_expires_at ? ` at ${clock(task.offer_expires_at)} UTC` : '';
    if (!task.offered_by_id)
      return `The reservation expired${at}; the task went back to the queue.`;
    const by = await nameOf(ctx, task.offered_by_id);
    return `The offer expired${at}; ask ${by} to offer it again.`;
  }
  return null;
}

export async function taskAcceptOffer(
  ctx: ApplyContext,
  a: IncomingArgs['task.acceptOffer'],
): Promise<Outcome> {
  const touched = [taskRef(a.taskId)];
  const { instanceId, userId } = ctx.actor;
  const task = await lockTask(ctx.tx, instanceId, a.taskId);
  if (!task) return reject('not_found', 'This task no longer exists.', touched);
  const problem = await offerProblem(ctx, task);
  if (problem) return reject('conflict', problem, touched);
  const won = await claimTask(ctx.tx, {
    instanceId,
    taskId: task.id,
    to: userId,
    now: ctx.now,
    when: { offeredToId: userId },
  });
  if (!won) return reject('conflict', 'This task is not offered to you any more.', touched);
  const log = [
    logItem(ctx, task.id, 'accepted', { offeredById: task.offered_by_id }),
    logItem(ctx, task.id, 'assigned', { assigneeId: userId, from: task.assignee_id }),
  ];
  return ok([everyone('task', task.id), ...(await writeLog(ctx, log))]);
}

export async function taskDeclineOffer(
  ctx: ApplyContext,
  a: IncomingArgs['task.declineOffer'],
): Promise<Outcome> {
  const touched = [taskRef(a.taskId)];
  const { instanceId, userId } = ctx.actor;
  const task = await lockTask(ctx.tx, instanceId, a.taskId);
  if (!task) return reject('not_found', 'This task no longer exists.', touched);
  const reason = checkDeclineReason(a.reason, task.offered_by_id !== null);
  if (!reason.ok) return reject('invalid', reason.message, touched);
  const problem = await offerProblem(ctx, task);
  if (problem) return reject('conflict', problem, touched);

  const log = [
    logItem(ctx, task.id, 'declined', { offeredById: task.offered_by_id, reason: reason.reason }),
  ];
  // Back to the offerer: a task nobody had becomes theirs (through the claim, like any assign).
  const offerer = task.offered_by_id;
  if (offerer && task.assignee_id === null && (await isMember(ctx.tx, instanceId, offerer))) {
    const when = { assigneeId: null, offeredToId: userId };
    if (await claimTask(ctx.tx, { instanceId, taskId: task.id, to: offerer, now: ctx.now, when })) {
      log.push(logItem(ctx, task.id, 'assigned', { assigneeId: offerer, from: null }));
    }
  }
  const offerReturn = { kind: 'declined', byId: userId, reason: reason.reason, at: ctx.now };
  await updateTask(
    ctx.tx,
    instanceId,
    task.id,
    {
      offered_to_id: null,
      offer_expires_at: null,
      offered_by_id: offerer,
      offer_return: JSON.stringify(offerReturn),
    },
    ctx.now,
  );
  return ok([everyone('task', task.id), ...(await writeLog(ctx, log))]);
}
