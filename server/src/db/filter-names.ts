import type { Db } from './open.js';

// The saved filters whose names a user's new or renamed filter must not repeat: their own, and
// the ones shared in the instance. Few rows (tens), so the name rule itself runs in JS
// (server/src/sync/apply-filter.ts), where case folding is the same on SQLite and PostgreSQL.

export interface FilterName {
  id: string;
  owner_id: string;
  name: string;
  shared: number;
}

export function filterNamesNear(
  db: Db,
  instanceId: string,
  ownerId: string,
): Promise<FilterName[]> {
  return db
    .selectFrom('saved_filters')
    .select(['id', 'owner_id', 'name', 'shared'])
    .where('instance_id', '=', instanceId)
    .where((eb) => eb.or([eb('owner_id', '=', ownerId), eb('shared', '=', 1)]))
    .execute();
}
