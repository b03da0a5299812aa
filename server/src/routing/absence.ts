// Agents who are gone leave the statuses that receive work (issue 6): closing every tab, or a
// network lost for long, must not leave someone "Ready" for calls to ring. Each node writes down,
// every sweep, which agents hold a sync socket on it (agent_statuses.last_seen_at); an agent in a
// receiving status not seen for the grace period becomes Offline, with a change every device
// pulls. The grace covers a reload, a server restart and a short network drop.
import type { Clock } from '../clock.js';
import {
  listAbsentAgents,
  markAgentsSeen,
  receivingCustomKeys,
  recordChanges,
  replaceAgentStatus,
  withTransaction,
  type Db,
} from '../db/index.js';
import { everyone } from '../sync/apply-context.js';
import type { Poker } from '../sync/poker.js';
import { builtInStatuses } from './rules.js';

export interface AbsenceDeps {
  db: Db;
  clock: Clock;
  poker: Poker;
  /** Who holds a sync socket on this node now, by instance. */
  connected(): Map<string, readonly string[]>;
}

const builtInReceiving = builtInStatuses.filter((s) => s.receivesWork).map((s) => s.key);
const BATCH = 200;

/** Marks who is here, then moves the agents gone for `graceMs` to Offline; returns how many. */
export async function sweepAbsentAgents(deps: AbsenceDeps, graceMs: number): Promise<number> {
  const now = deps.clock();
  const nowIso = now.toISOString();
  for (const [instanceId, userIds] of deps.connected()) {
    await markAgentsSeen(deps.db, instanceId, userIds, nowIso);
  }
  const before = new Date(now.getTime() - graceMs).toISOString();
  let moved = 0;
  // Custom statuses that receive work ("Email only") too; their keys are unique across instances.
  const receiving = [...builtInReceiving, ...(await receivingCustomKeys(deps.db))];
  for (const agent of await listAbsentAgents(deps.db, receiving, before, BATCH)) {
    const done = await withTransaction(deps.db, async (tx) => {
      if (!(await replaceAgentStatus(tx, agent, 'offline', nowIso))) return false;
      await recordChanges(tx, agent.instanceId, [everyone('agentStatus', agent.userId)]);
      return true;
    });
    if (done) {
      moved += 1;
      deps.poker.poke(agent.instanceId, 'instance');
    }
  }
  return moved;
}
