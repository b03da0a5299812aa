// Wrap-up (issue 6): after an answered call the agent is in wrap-up, a status that receives no
// work, so the next call waits until they have written up this one. It ends when they resolve a
// task (the write-up is done), choose another status, press Play, or when the instance's wrap-up
// time runs out (the sweeper puts them back to Ready). Only an agent who was Ready goes into
// wrap-up: one who chose Busy or Break keeps it. Instances without a wrap-up time skip it.
import type { Clock } from '../clock.js';
import {
  findInstanceSettings,
  listAgentsInStatus,
  moveAgentStatus,
  recordChanges,
  replaceAgentStatus,
  withTransaction,
  type ChangeRecord,
  type Db,
} from '../db/index.js';
import { everyone } from '../sync/apply-context.js';
import type { Poker } from '../sync/poker.js';

/** Puts a Ready agent into wrap-up after a call, where the instance has a wrap-up time. */
export async function startWrapUp(
  tx: Db,
  instanceId: string,
  userId: string,
  now: string,
): Promise<ChangeRecord[]> {
  const settings = await findInstanceSettings(tx, instanceId);
  if (!settings || settings.wrapUpSeconds <= 0) return [];
  const moved = await moveAgentStatus(tx, {
    instanceId,
    userId,
    from: ['ready'],
    status: 'wrap_up',
    now,
  });
  return moved ? [everyone('agentStatus', userId)] : [];
}

/** Ends the agent's wrap-up (they resolved a task): back to Ready. */
export async function endWrapUp(
  tx: Db,
  instanceId: string,
  userId: string,
  now: string,
): Promise<ChangeRecord[]> {
  const moved = await moveAgentStatus(tx, {
    instanceId,
    userId,
    from: ['wrap_up'],
    status: 'ready',
    now,
  });
  return moved ? [everyone('agentStatus', userId)] : [];
}

const SWEEP_BATCH = 500;

/** Ends every wrap-up whose time ran out (or whose instance no longer has one); returns how many. */
export async function sweepWrapUps(deps: { db: Db; clock: Clock; poker: Poker }): Promise<number> {
  const now = deps.clock();
  const nowIso = now.toISOString();
  let ended = 0;
  for (const agent of await listAgentsInStatus(deps.db, 'wrap_up', SWEEP_BATCH)) {
    const endsAt = Date.parse(agent.since) + agent.wrapUpSeconds * 1000;
    if (endsAt > now.getTime()) continue;
    const done = await withTransaction(deps.db, async (tx) => {
      if (!(await replaceAgentStatus(tx, agent, 'ready', nowIso))) return false;
      await recordChanges(tx, agent.instanceId, [everyone('agentStatus', agent.userId)]);
      return true;
    });
    if (done) {
      ended += 1;
      deps.poker.poke(agent.instanceId, 'instance');
    }
  }
  return ended;
}
