// The instance's skills catalogue (the `skills` table, 0002): every skill name the instance uses
// for people, so admins pick from one list and a name keeps one spelling ("Support" is "support").
import type { Db } from './open.js';

/** The catalogue's names, alphabetical. */
export async function listSkillNames(db: Db, instanceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('skills')
    .select('name')
    .where('instance_id', '=', instanceId)
    .orderBy('name')
    .execute();
  return rows.map((row) => row.name);
}

/** Adds names the catalogue lacks; a name added meanwhile by another request is kept as it is. */
export async function addSkillNames(
  db: Db,
  instanceId: string,
  names: readonly string[],
  now: string,
  newId: () => string,
): Promise<void> {
  if (names.length === 0) return;
  await db
    .insertInto('skills')
    .values(names.map((name) => ({ id: newId(), instance_id: instanceId, name, created_at: now })))
    .onConflict((oc) => oc.columns(['instance_id', 'name']).doNothing())
    .execute();
}
