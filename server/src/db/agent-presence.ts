import type { Db } from './open.js';

// Agents seen connected, and the ones in a status that receives work who have not been seen for a
// while (server/src/routing/absence.ts). Moving one out is a conditional UPDATE: a status the
// agent changed meanwhile is theirs, and stays.

/** Marks these users of the instance as connected now (those with a status row). */
export async function markAgentsSeen(
  db: Db,
  instanceId: string,
  userIds: readonly string[],
  now: string,
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .updateTable('agent_statuses')
    .set({ last_seen_at: now })
    .where('instance_id', '=', instanceId)
    .where('user_id', 'in', [...userIds])
    .execute();
}

export interface AbsentAgent {
  instanceId: string;
  userId: string;
  status: string;
  since: string;
}

/** Agents in one of `statuses`, chosen before `before` and not seen connected since then. */
export async function listAbsentAgents(
  db: Db,
  statuses: readonly string[],
  before: string,
  limit: number,
): Promise<AbsentAgent[]> {
  if (statuses.length === 0) return [];
  const rows = await db
    .selectFrom('agent_statuses')
    .select(['instance_id', 'user_id', 'status', 'since'])
    .where('status', 'in', [...statuses])
    .where('since', '<', before)
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', before)]))
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    instanceId: r.instance_id,
    userId: r.user_id,
    status: r.status,
    since: r.since,
  }));
}

/** Sets the status unless the agent changed it meanwhile; true when it did. */
export async function replaceAgentStatus(
  tx: Db,
  agent: AbsentAgent,
  status: string,
  now: string,
): Promise<boolean> {
  const result = await tx
    .updateTable('agent_statuses')
    .set({ status, since: now })
    .where('instance_id', '=', agent.instanceId)
    .where('user_id', '=', agent.userId)
    .where('status', '=', agent.status)
    .where('since', '=', agent.since)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
