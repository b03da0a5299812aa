// Every call with a customer becomes a task (or lands in the one it was made from): the help
// center's "every call, email and chat is a task". Calls between colleagues stay call history only.
import { contactsWithPhone, isInstanceExtension } from '../db/call-lookup.js';
import { claimTask, insertTask, type ChangeRecord } from '../db/index.js';
import { everyone, type ApplyContext } from './apply-context.js';
import { logItem, writeLog } from './apply-task.js';

export interface EndedCall {
  id: string;
  direction: 'inbound' | 'outbound';
  peer: string;
  peerName: string | null;
  answeredAt: string | null;
  endedAt: string;
  outcome: string;
}

/** Digits only, compared by their last nine: "+44 20 7946 0123" and "02079460123" match. */
export function samePhone(a: string, b: string): boolean {
  const tail = (s: string) => s.replace(/\D/g, '').slice(-9);
  const x = tail(a);
  return x.length >= 6 && x === tail(b);
}

function callData(call: EndedCall): Record<string, unknown> {
  const seconds = call.answeredAt
    ? Math.max(0, Math.round((Date.parse(call.endedAt) - Date.parse(call.answeredAt)) / 1000))
    : 0;
  return {
    callId: call.id,
    direction: call.direction,
    peer: call.peer,
    outcome: call.outcome,
    durationSeconds: seconds,
  };
}

/** Logs the call on its task; changes to record. */
export async function logCallOnTask(
  ctx: ApplyContext,
  taskId: string,
  call: EndedCall,
): Promise<ChangeRecord[]> {
  return writeLog(ctx, [logItem(ctx, taskId, 'call', callData(call))]);
}

/**
 * For a call with a customer that no task was named for: a new call task, the caller's contact
 * matched by number. Answered calls go to the agent who took them; a missed one waits unassigned
 * for a call back. Returns the task id (or null for a colleague's call) and the changes.
 */
export async function createCallTask(
  ctx: ApplyContext,
  call: EndedCall,
): Promise<{ taskId: string | null; changes: ChangeRecord[] }> {
  const { instanceId, userId } = ctx.actor;
  if (await isInstanceExtension(ctx.tx, instanceId, call.peer))
    return { taskId: null, changes: [] };
  const contact = (await contactsWithPhone(ctx.tx, instanceId)).find(
    (c) => c.phone !== null && samePhone(c.phone, call.peer),
  );
  const who = contact?.name ?? call.peerName ?? call.peer;
  const answered = call.answeredAt !== null;
  const title =
    call.direction === 'inbound'
      ? answered
        ? `Call from ${who}`
        : `Missed call from ${who}`
      : `Call to ${who}`;
  const assignee = answered || call.direction === 'outbound' ? userId : null;
  const taskId = ctx.newId();
  await insertTask(ctx.tx, {
    id: taskId,
    instance_id: instanceId,
    type: 'call',
    channel: 'phone',
    title: title.slice(0, 500),
    description: '',
    customer_name: who.slice(0, 200),
    customer_phone: call.peer,
    customer_email: null,
    contact_id: contact?.id ?? null,
    status: 'open',
    // Set by the claim below: every assignee comes through claimTask.
    assignee_id: null,
    offered_to_id: null,
    offered_by_id: null,
    offer_expires_at: null,
    offer_return: null,
    outcome_tag: null,
    follow_up_of_id: null,
    // A missed customer call is a call back that should not wait behind routine work.
    priority: answered ? 3 : 4,
    skills: '[]',
    due_at: null,
    created_by_id: userId,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  });
  const log = [logItem(ctx, taskId, 'created', { from: 'call', channel: 'phone', type: 'call' })];
  if (assignee) {
    const when = { assigneeId: null };
    await claimTask(ctx.tx, { instanceId, taskId, to: assignee, now: ctx.now, when });
    log.push(logItem(ctx, taskId, 'assigned', { assigneeId: assignee, from: null }));
  }
  log.push(logItem(ctx, taskId, 'call', callData(call)));
  return { taskId, changes: [everyone('task', taskId), ...(await writeLog(ctx, log))] };
}
