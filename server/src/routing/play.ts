// Play (issue 6): the agent asks for work and gets the next task they may take, highest priority
// first, then the oldest, already assigned to them. Candidates are read in routing order; each
// is taken with the one conditional claim (db/task-claims.ts), so two agents pressing Play at once
// never get the same task: the loser's claim matches nothing and it moves on to the next one.
// Capacity does not apply here: Play is the agent asking for more work, not work pushed at them.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import {
  claimTask,
  findAgentStatus,
  listQueuedTasks,
  memberSkills,
  recordChanges,
  upsertAgentStatuses,
  withTransaction,
  type ChangeRecord,
  type Db,
  type QueuePosition,
} from '../db/index.js';
import { everyone, type Actor, type ApplyContext } from '../sync/apply-context.js';
import { logItem, writeLog } from '../sync/apply-task.js';
import type { Poker } from '../sync/poker.js';
import { builtInStatuses, channels, ineligibility, type AgentSnapshot } from './rules.js';

export interface PlayDeps {
  db: Db;
  clock: Clock;
  poker: Poker;
}

const PAGE = 100;
const ready = builtInStatuses.find((s) => s.key === 'ready');

/** Assigns the next task to the agent and returns its id, or null when none is left for them. */
export async function playNext(deps: PlayDeps, actor: Actor): Promise<string | null> {
  if (!ready) throw new Error('The Ready status is missing.');
  const skills = (await memberSkills(deps.db, actor.instanceId, [actor.userId])).get(actor.userId);
  if (!skills) return null;
  const agent: AgentSnapshot = {
    userId: actor.userId,
    status: ready,
    skills,
    load: {},
    idleSince: '',
  };
  let after: QueuePosition | undefined;
  for (;;) {
    const page = await listQueuedTasks(deps.db, actor.instanceId, PAGE, after);
    for (const task of page) {
      const channel = channels.find((c) => c === task.type) ?? 'manual';
      const candidate = { ...task, channel, requiredSkills: task.skills, queuedAt: task.createdAt };
      if (ineligibility(agent, candidate) !== null) continue;
      if (await take(deps, actor, task.id)) return task.id;
    }
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) return null;
    after = last;
  }
}

/** One claim in its own transaction, with its log item and changes; false when it was lost. */
async function take(deps: PlayDeps, actor: Actor, taskId: string): Promise<boolean> {
  const now = deps.clock().toISOString();
  const won = await withTransaction(deps.db, async (tx) => {
    const when = { assigneeId: null, notOffered: true, status: 'open' } as const;
    const claim = { instanceId: actor.instanceId, taskId, to: actor.userId, now, when };
    if (!(await claimTask(tx, claim))) return false;
    const ctx: ApplyContext = { tx, actor, now, newId: randomUUID };
    const changes: ChangeRecord[] = [everyone('task', taskId)];
    changes.push(
      ...(await writeLog(ctx, [
        logItem(ctx, taskId, 'assigned', { assigneeId: actor.userId, from: null, via: 'play' }),
      ])),
    );
    changes.push(...(await becomeReady(tx, actor, now)));
    await recordChanges(tx, actor.instanceId, changes);
    return true;
  });
  if (won) deps.poker.poke(actor.instanceId, 'instance');
  return won;
}

/** Pressing Play says "I am available": an agent on Break or Busy becomes Ready. */
async function becomeReady(tx: Db, actor: Actor, now: string): Promise<ChangeRecord[]> {
  const current = await findAgentStatus(tx, actor.instanceId, actor.userId);
  const receives = builtInStatuses.find((s) => s.key === current?.status)?.receivesWork ?? false;
  if (receives) return [];
  await upsertAgentStatuses(tx, [
    { instance_id: actor.instanceId, user_id: actor.userId, status: 'ready', since: now },
  ]);
  return [everyone('agentStatus', actor.userId)];
}
