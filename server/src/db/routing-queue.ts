import type { Db } from './open.js';
import { parseSkills } from './instances.js';

// The tasks waiting for an agent (open, nobody has them, nobody is offered them), in routing
// order: highest priority first, then the oldest, then by id. Read in pages by keyset, because
// the first tasks may need skills the agent lacks.

export interface QueuedTask {
  id: string;
  type: string;
  priority: number;
  skills: string[];
  createdAt: string;
}

export type QueuePosition = Pick<QueuedTask, 'id' | 'priority' | 'createdAt'>;

export async function listQueuedTasks(
  db: Db,
  instanceId: string,
  limit: number,
  after?: QueuePosition,
): Promise<QueuedTask[]> {
  let query = db
    .selectFrom('tasks')
    .select(['id', 'type', 'priority', 'skills', 'created_at'])
    .where('instance_id', '=', instanceId)
    .where('status', '=', 'open')
    .where('assignee_id', 'is', null)
    .where('offered_to_id', 'is', null);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('priority', '<', after.priority),
        eb.and([
          eb('priority', '=', after.priority),
          eb.or([
            eb('created_at', '>', after.createdAt),
            eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)]),
          ]),
        ]),
      ]),
    );
  }
  const rows = await query
    .orderBy('priority', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    priority: r.priority,
    skills: parseSkills(r.skills),
    createdAt: r.created_at,
  }));
}
