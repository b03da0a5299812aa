import {
  claimTask,
  findInstanceSettings,
  findUserById,
  insertLogItems,
  insertTask,
  isMember,
  lockTask,
  taskIdTaken,
  updateTask,
  type ChangeRecord,
  type LogItemsTable,
  type TaskPatch,
} from '../db/index.js';
import { endWrapUp } from '../routing/wrap-up.js';
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
import type { IncomingArgs } from './incoming.js';
import { taskStatuses, taskTypes, type EntityRef, type LogKind } from './protocol.js';
import { logItemId } from './log-id.js';
import { canTransition, normalizeOutcomeTag } from './task-rules.js';

export const TITLE_MAX = 500;
export const DESCRIPTION_MAX = 10_000;
export const PRIORITY_MIN = 1;
export const PRIORITY_MAX = 5;

export const taskRef = (id: string): EntityRef => ({ kind: 'task', id });

/** A log item of a task action, and its change record. */
export function logItem(
  ctx: ApplyContext,
  taskId: string,
  kind: LogKind,
  data: Record<string, unknown>,
): { row: LogItemsTable; change: ChangeRecord } {
  const id = logItemId(ctx.now);
  return {
    row: {
      id,
      instance_id: ctx.actor.instanceId,
      task_id: taskId,
      actor_id: ctx.actor.userId,
      kind,
      data: JSON.stringify(data),
      created_at: ctx.now,
    },
    change: everyone('logItem', id),
  };
}

export async function writeLog(
  ctx: ApplyContext,
  items: { row: LogItemsTable; change: ChangeRecord }[],
): Promise<ChangeRecord[]> {
  await insertLogItems(
    ctx.tx,
    items.map((i) => i.row),
  );
  return items.map((i) => i.change);
}

export async function nameOf(ctx: ApplyContext, userId: string): Promise<string> {
  return (await findUserById(ctx.tx, userId))?.name ?? 'a colleague';
}

export const isLeader = (ctx: ApplyContext) => ctx.actor.role !== 'agent';

export async function taskCreate(
  ctx: ApplyContext,
  a: IncomingArgs['task.create'],
): Promise<Outcome> {
  const touched = [taskRef(a.id)];
  const invalid = (message: string) => reject('invalid', message, touched);
  if (!UUID.test(a.id)) return invalid('The task id must be a UUID.');
  if (!isOneOf(taskTypes, a.type)) return invalid(`"${a.type}" is not a task type.`);
  const title = a.title.trim();
  if (title === '') return invalid('A task needs a title.');
  if (title.length > TITLE_MAX) return invalid(`A title can have at most ${TITLE_MAX} characters.`);
  if (a.description.length > DESCRIPTION_MAX) {
    return invalid('A description can have at most 10,000 characters.');
  }
  if (!Number.isInteger(a.priority) || a.priority < PRIORITY_MIN || a.priority > PRIORITY_MAX) {
    return invalid(`Priority must be a whole number from ${PRIORITY_MIN} to ${PRIORITY_MAX}.`);
  }
  if (a.skills.length > 20) return invalid('A task can need at most 20 skills.');
  const dueAt = a.dueAt === null ? null : isoTime(a.dueAt);
  if (dueAt === undefined) return invalid('The due time is not a time.');

  const { instanceId, userId } = ctx.actor;
  if (await taskIdTaken(ctx.tx, a.id)) {
    const existing = await lockTask(ctx.tx, instanceId, a.id);
    // The same client's create arriving again under a new seq: already done.
    if (existing?.created_by_id === userId) return ok();
    return reject('conflict', 'A task with this id exists already.', touched);
  }
  const followUpOf = a.followUpOfId ? await lockTask(ctx.tx, instanceId, a.followUpOfId) : null;
  if (a.followUpOfId && !followUpOf) {
    return invalid('The task this one should follow up is not in this instance.');
  }
  if (a.assigneeId !== null) {
    if (a.assigneeId !== userId && !isLeader(ctx)) {
      return reject('forbidden', 'Agents can only assign tasks to themselves.', touched);
    }
    if (!(await isMember(ctx.tx, instanceId, a.assigneeId))) {
      return invalid('The assignee is not a member of this instance.');
    }
  }
  await insertTask(ctx.tx, {
    id: a.id,
    instance_id: instanceId,
    type: a.type,
    channel: a.channel.trim(),
    title,
    description: a.description,
    customer_name: a.customerName.trim(),
    customer_phone: a.customerPhone,
    customer_email: a.customerEmail,
    contact_id: a.contactId,
    status: 'open',
    // Set by the claim below: every assignee comes through claimTask.
    assignee_id: null,
    offered_to_id: null,
    offered_by_id: null,
    offer_expires_at: null,
    offer_return: null,
    outcome_tag: null,
    follow_up_of_id: followUpOf?.id ?? null,
    priority: a.priority,
    skills: JSON.stringify([...new Set(a.skills)]),
    due_at: dueAt,
    created_by_id: userId,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  });
  // The channel and type are the task's own fields; the log item stays {} (docs/contract.md).
  const log = [logItem(ctx, a.id, 'created', {})];
  if (followUpOf) {
    log.push(logItem(ctx, a.id, 'follow_up', { ofTaskId: followUpOf.id, title: followUpOf.title }));
    log.push(logItem(ctx, followUpOf.id, 'follow_up', { followUpId: a.id, title }));
  }
  if (a.assigneeId !== null) {
    const when = { assigneeId: null };
    await claimTask(ctx.tx, { instanceId, taskId: a.id, to: a.assigneeId, now: ctx.now, when });
    log.push(logItem(ctx, a.id, 'assigned', { assigneeId: a.assigneeId, from: null }));
  }
  return ok([everyone('task', a.id), ...(await writeLog(ctx, log))]);
}

export async function taskSetStatus(
  ctx: ApplyContext,
  a: IncomingArgs['task.setStatus'],
): Promise<Outcome> {
  const touched = [taskRef(a.taskId)];
  const invalid = (message: string) => reject('invalid', message, touched);
  if (!isOneOf(taskStatuses, a.status)) return invalid(`"${a.status}" is not a task status.`);
  const { instanceId } = ctx.actor;
  const task = await lockTask(ctx.tx, instanceId, a.taskId);
  if (!task) return reject('not_found', 'This task no longer exists.', touched);
  // The user decided on the task as they saw it: reassigned meanwhile, they should look again.
  if (a.expectedAssigneeId !== undefined && task.assignee_id !== a.expectedAssigneeId) {
    const holder = task.assignee_id ? await nameOf(ctx, task.assignee_id) : 'nobody';
    return reject(
      'conflict',
      `This task was reassigned to ${holder} meanwhile, so its status was not changed.`,
      touched,
    );
  }
  // Setting the status it has already changes nothing.
  if (task.status === a.status) return ok();
  if (!canTransition(task.status, a.status)) {
    return invalid(`A task cannot go from ${task.status} to ${a.status}.`);
  }
  const patch: TaskPatch = { status: a.status, outcome_tag: null };
  if (a.status === 'resolved') {
    const settings = await findInstanceSettings(ctx.tx, instanceId);
    const given = a.outcomeTag?.trim() ?? '';
    if (given !== '' || settings?.outcomeTagRequired) {
      const tag = normalizeOutcomeTag(given);
      if (!tag.ok) {
        return invalid(
          given === ''
            ? `This instance needs an outcome tag to resolve a task. ${tag.message}`
            : tag.message,
        );
      }
      patch.outcome_tag = tag.tag;
    }
    // A resolved task waits for nobody's answer.
    patch.offered_to_id = null;
    patch.offer_expires_at = null;
  }
  await updateTask(ctx.tx, instanceId, task.id, patch, ctx.now);
  const data: Record<string, unknown> = { from: task.status, to: a.status };
  if (patch.outcome_tag) data['outcomeTag'] = patch.outcome_tag;
  const log = [logItem(ctx, task.id, 'status', data)];
  const changes = [everyone('task', task.id), ...(await writeLog(ctx, log))];
  // Resolving is the write-up done: an agent in wrap-up is Ready again.
  if (a.status === 'resolved')
    changes.push(...(await endWrapUp(ctx.tx, instanceId, ctx.actor.userId, ctx.now)));
  return ok(changes);
}

export async function taskAssign(
  ctx: ApplyContext,
  a: IncomingArgs['task.assign'],
): Promise<Outcome> {
  const touched = [taskRef(a.taskId)];
  const { instanceId, userId } = ctx.actor;
  const task = await lockTask(ctx.tx, instanceId, a.taskId);
  if (!task) return reject('not_found', 'This task no longer exists.', touched);
  if (task.assignee_id === a.assigneeId) return ok();

  const takingOffer = a.assigneeId === userId && task.offered_to_id === userId;
  if (!isLeader(ctx)) {
    const releasingOwn = a.assigneeId === null && task.assignee_id === userId;
    if (a.assigneeId !== userId && !releasingOwn) {
      return reject('forbidden', 'Agents can only assign tasks to themselves.', touched);
    }
    // No task is ever given to two agents: the first one to take it keeps it.
    if (a.assigneeId === userId && task.assignee_id !== null && !takingOffer) {
      const holder = await nameOf(ctx, task.assignee_id);
      return reject('conflict', `${holder} has already taken this task.`, touched);
    }
  }
  if (a.assigneeId !== null && !(await isMember(ctx.tx, instanceId, a.assigneeId))) {
    return reject('invalid', 'The assignee is not a member of this instance.', touched);
  }
  // Taking a task offered to you answers the offer; otherwise the task must still be as it was
  // read (a leader's reassign included), or the claim changes nothing.
  const when = takingOffer ? { offeredToId: userId } : { assigneeId: task.assignee_id };
  const won = await claimTask(ctx.tx, {
    instanceId,
    taskId: task.id,
    to: a.assigneeId,
    now: ctx.now,
    when,
  });
  if (!won) {
    return reject('conflict', 'Someone else changed who has this task; look at it again.', touched);
  }
  const log = [
    logItem(ctx, task.id, 'assigned', { assigneeId: a.assigneeId, from: task.assignee_id }),
  ];
  if (takingOffer)
    log.unshift(logItem(ctx, task.id, 'accepted', { offeredById: task.offered_by_id }));
  return ok([everyone('task', task.id), ...(await writeLog(ctx, log))]);
}
