// Play (issue 6): the agent asks for work and gets the next task they may take, highest priority
// first, then the oldest, already assigned to them. The choice and the claim are one statement
// (claimNextWaiting), so agents pressing Play at the same moment never get the same task and
// never queue behind each other for it. Capacity does not apply here: Play is the agent asking
// for more work, not work pushed at them.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import {
  claimNextWaiting,
  findAgentStatus,
  memberSkills,
  recordChanges,
  upsertAgentStatuses,
  withTransaction,
  type ChangeRecord,
  type Db,
} from '../db/index.js';
import { everyone, type Actor, type ApplyContext } from '../sync/apply-context.js';
import { logItem, writeLog } from '../sync/apply-task.js';
import type { Poker } from '../sync/poker.js';
import type { StatusDefinition } from './rules.js';
import { definitionOf, statusDefinitions } from './status-definitions.js';

export interface PlayDeps {
  db: Db;
  clock: Clock;
  poker: Poker;
}

/** Assigns the next task to the agent and returns its id, or null when none is left for them. */
export async function playNext(deps: PlayDeps, actor: Actor): Promise<string | null> {
  const now = deps.clock().toISOString();
  const taskId = await withTransaction(deps.db, async (tx) => {
    const skills = (await memberSkills(tx, actor.instanceId, [actor.userId])).get(actor.userId);
    if (!skills) return null;
    const status = await currentStatus(tx, actor);
    // An agent in "Email only" plays through email; one in a status that receives nothing is made
    // Ready below and takes any channel.
    const types = status.receivesWork ? status.channels : null;
    const claim = { instanceId: actor.instanceId, to: actor.userId, now, skills, types };
    const id = await claimNextWaiting(tx, claim);
    if (id === undefined) return null;
    const ctx: ApplyContext = { tx, actor, now, newId: randomUUID };
    const changes: ChangeRecord[] = [everyone('task', id)];
    changes.push(
      ...(await writeLog(ctx, [
        logItem(ctx, id, 'assigned', { assigneeId: actor.userId, from: null, via: 'play' }),
      ])),
    );
    if (!status.receivesWork) changes.push(...(await becomeReady(tx, actor, now)));
    await recordChanges(tx, actor.instanceId, changes);
    return id;
  });
  if (taskId !== null) deps.poker.poke(actor.instanceId, 'instance');
  return taskId;
}

/** The definition of the agent's status now (no status yet: Offline, which receives nothing). */
async function currentStatus(tx: Db, actor: Actor): Promise<StatusDefinition> {
  const current = await findAgentStatus(tx, actor.instanceId, actor.userId);
  const definitions = await statusDefinitions(tx, actor.instanceId);
  return definitionOf(definitions, current?.status ?? 'offline');
}

/**
 * Pressing Play says "I am available": an agent in a status that receives nothing becomes Ready.
 * A custom status that receives work ("Email only") is kept: the agent chose what to receive.
 */
async function becomeReady(tx: Db, actor: Actor, now: string): Promise<ChangeRecord[]> {
  await upsertAgentStatuses(tx, [
    { instance_id: actor.instanceId, user_id: actor.userId, status: 'ready', since: now },
  ]);
  return [everyone('agentStatus', actor.userId)];
}
