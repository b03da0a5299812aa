import type { Db } from './open.js';
import type { SkillsTable, TasksTable } from './schema.js';

export type TaskRow = TasksTable;
export type TaskWithAssignee = TaskRow & { assignee_name: string | null };

const INSERT_CHUNK = 100;

export async function insertSkills(db: Db, rows: SkillsTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('skills').values(rows).execute();
}

export async function insertTasks(db: Db, rows: TaskRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto('tasks')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

function withAssignee(db: Db, instanceId: string) {
  return db
    .selectFrom('tasks as t')
    .leftJoin('users as u', 'u.id', 't.assignee_id')
    .selectAll('t')
    .select('u.name as assignee_name')
    .where('t.instance_id', '=', instanceId);
}

/** The instance's tasks, most recently updated first. */
export async function listTasks(
  db: Db,
  instanceId: string,
  limit: number,
): Promise<TaskWithAssignee[]> {
  return withAssignee(db, instanceId)
    .orderBy('t.updated_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute();
}

export async function findTask(
  db: Db,
  instanceId: string,
  taskId: string,
): Promise<TaskWithAssignee | undefined> {
  return withAssignee(db, instanceId).where('t.id', '=', taskId).executeTakeFirst();
}
