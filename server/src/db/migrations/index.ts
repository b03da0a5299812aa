import type { Migration } from 'kysely';
import * as accounts from './0001_accounts.js';
import * as tasks from './0002_tasks.js';
import * as sipPrefix from './0003_sip_prefix.js';
import * as sync from './0004_sync.js';
import * as taskWorkspace from './0005_task_workspace.js';
import * as routingQueue from './0006_routing_queue.js';
import * as agentPresence from './0007_agent_presence.js';
import * as pushRouting from './0008_push_routing.js';
import * as acd from './0009_acd.js';
import * as customStatuses from './0010_custom_statuses.js';
import * as bootstrapOrder from './0011_bootstrap_order.js';
import * as capacity from './0012_capacity.js';

// A static list (not a folder scan) so the compiled server finds every migration. Ordered by id.
export const migrations: Readonly<Record<string, Migration>> = {
  '0001_accounts': accounts,
  '0002_tasks': tasks,
  '0003_sip_prefix': sipPrefix,
  '0004_sync': sync,
  '0005_task_workspace': taskWorkspace,
  '0006_routing_queue': routingQueue,
  '0007_agent_presence': agentPresence,
  '0008_push_routing': pushRouting,
  '0009_acd': acd,
  '0010_custom_statuses': customStatuses,
  '0011_bootstrap_order': bootstrapOrder,
  '0012_capacity': capacity,
};
