// The call task an inbound queue call becomes the moment it arrives (before anyone answers), so
// a call nobody takes still waits as a task for a call back. Skills and priority come from the
// queue number dialled; the caller's contact is matched by number as for any call.
import { contactsWithPhone } from '../db/call-lookup.js';
import { insertLogItems, insertTask, type Db, type LogItemsTable } from '../db/index.js';
import type { QueueNumber } from '../db/acd.js';
import { samePhone } from '../sync/call-task.js';
import { logItemId } from '../sync/log-id.js';

export interface InboundCall {
  callId: string;
  /** The caller's number (From user part). */
  caller: string;
  /** The caller's display name, when the trunk sent one. */
  callerName: string | null;
}

/** Inserts the waiting call task and its "created" log item (returned, for its change record). */
export async function insertQueueCallTask(
  tx: Db,
  queue: QueueNumber,
  call: InboundCall,
  taskId: string,
  now: string,
): Promise<LogItemsTable> {
  const contact = (await contactsWithPhone(tx, queue.instanceId)).find(
    (c) => c.phone !== null && samePhone(c.phone, call.caller),
  );
  const who = contact?.name ?? call.callerName ?? call.caller;
  await insertTask(tx, {
    id: taskId,
    instance_id: queue.instanceId,
    type: 'call',
    channel: 'phone',
    title: `Call from ${who}`.slice(0, 500),
    description: '',
    customer_name: who.slice(0, 200),
    customer_phone: call.caller,
    customer_email: null,
    contact_id: contact?.id ?? null,
    status: 'open',
    // Routing reserves it next, in the same transaction; the answer assigns it (claimTask).
    assignee_id: null,
    offered_to_id: null,
    offered_by_id: null,
    offer_expires_at: null,
    offer_return: null,
    outcome_tag: null,
    follow_up_of_id: null,
    priority: queue.priority,
    skills: JSON.stringify(queue.skills),
    due_at: null,
    created_by_id: null,
    created_at: now,
    updated_at: now,
    version: 1,
  });
  const log: LogItemsTable = {
    id: logItemId(now),
    instance_id: queue.instanceId,
    task_id: taskId,
    actor_id: null,
    kind: 'created',
    data: JSON.stringify({ from: 'call', channel: 'phone', type: 'call', queue: queue.number }),
    created_at: now,
  };
  await insertLogItems(tx, [log]);
  return log;
}
