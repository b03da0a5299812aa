import type { SyncStatusDefinition, TaskType } from '../sync/protocol.js';
import { isPostgres, type Db } from './open.js';
import type { CustomStatusesTable } from './schema.js';
import type { Selectable } from 'kysely';

// The statuses an instance's admins added (issue 6, migration 0010). Every read and write names
// the instance: a key or id of another instance is simply not there.

export function statusDefinitionEntity(row: Selectable<CustomStatusesTable>): SyncStatusDefinition {
  return {
    id: row.id,
    key: row.key as SyncStatusDefinition['key'],
    label: row.label,
    colour: row.colour,
    receivesWork: Number(row.receives_work) === 1,
    channels: parseChannels(row.channels),
    timeLimitSeconds: row.time_limit_seconds === null ? null : Number(row.time_limit_seconds),
    position: Number(row.position),
  };
}

function parseChannels(text: string | null): TaskType[] | null {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed)
      ? parsed.filter((c): c is TaskType => typeof c === 'string')
      : null;
  } catch {
    return null;
  }
}

function customStatusQuery(db: Db, instanceId: string) {
  return db.selectFrom('custom_statuses').selectAll().where('instance_id', '=', instanceId);
}

/** The instance's custom statuses in menu order. */
export async function listCustomStatuses(
  db: Db,
  instanceId: string,
): Promise<SyncStatusDefinition[]> {
  const rows = await customStatusQuery(db, instanceId).orderBy('position').orderBy('id').execute();
  return rows.map(statusDefinitionEntity);
}

/** Custom statuses by id, for a pull (only this instance's). */
export async function customStatusesByIds(
  db: Db,
  instanceId: string,
  ids: readonly string[],
): Promise<SyncStatusDefinition[]> {
  if (ids.length === 0) return [];
  const rows = await customStatusQuery(db, instanceId)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(statusDefinitionEntity);
}

/** A bootstrap page of the instance's custom statuses in id order. */
export async function customStatusesAfter(
  db: Db,
  instanceId: string,
  afterId: string,
  limit: number,
): Promise<SyncStatusDefinition[]> {
  const rows = await customStatusQuery(db, instanceId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(statusDefinitionEntity);
}

/** Keys of custom statuses that receive work in any instance (keys are unique across them). */
export async function receivingCustomKeys(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('custom_statuses')
    .select('key')
    .where('receives_work', '=', 1)
    .execute();
  return rows.map((r) => r.key);
}

/** Status edits of one instance one at a time: PostgreSQL waits here; SQLite has one writer. */
export async function lockInstanceForStatuses(tx: Db, instanceId: string): Promise<void> {
  if (!isPostgres(tx)) return;
  await tx.selectFrom('instances').select('id').where('id', '=', instanceId).forUpdate().execute();
}

export interface CustomStatusValues {
  label: string;
  colour: string;
  receivesWork: boolean;
  channels: readonly TaskType[] | null;
  timeLimitSeconds: number | null;
}

function columns(v: CustomStatusValues) {
  return {
    label: v.label,
    colour: v.colour,
    receives_work: v.receivesWork ? 1 : 0,
    channels: v.channels === null ? null : JSON.stringify(v.channels),
    time_limit_seconds: v.timeLimitSeconds,
  };
}

export async function insertCustomStatus(
  tx: Db,
  s: { id: string; instanceId: string; now: string; values: CustomStatusValues },
): Promise<void> {
  const last = await tx
    .selectFrom('custom_statuses')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('instance_id', '=', s.instanceId)
    .executeTakeFirst();
  const position = last?.position === null || last === undefined ? 0 : Number(last.position) + 1;
  await tx
    .insertInto('custom_statuses')
    .values({
      id: s.id,
      instance_id: s.instanceId,
      key: `c-${s.id}`,
      ...columns(s.values),
      position,
      created_at: s.now,
      updated_at: s.now,
    })
    .execute();
}

export async function updateCustomStatus(
  tx: Db,
  s: { id: string; instanceId: string; now: string; values: CustomStatusValues },
): Promise<void> {
  await tx
    .updateTable('custom_statuses')
    .set({ ...columns(s.values), updated_at: s.now })
    .where('instance_id', '=', s.instanceId)
    .where('id', '=', s.id)
    .execute();
}

/**
 * Deletes the status and moves the agents in it to Offline (since = now); returns their ids.
 * Offline never receives work, so nobody is rung who did not choose to be.
 */
export async function deleteCustomStatus(
  tx: Db,
  s: { instanceId: string; key: string; now: string },
): Promise<string[]> {
  const agents = await tx
    .selectFrom('agent_statuses')
    .select('user_id')
    .where('instance_id', '=', s.instanceId)
    .where('status', '=', s.key)
    .execute();
  await tx
    .updateTable('agent_statuses')
    .set({ status: 'offline', since: s.now })
    .where('instance_id', '=', s.instanceId)
    .where('status', '=', s.key)
    .execute();
  await tx
    .deleteFrom('custom_statuses')
    .where('instance_id', '=', s.instanceId)
    .where('key', '=', s.key)
    .execute();
  return agents.map((a) => a.user_id);
}

/** Whether this instance has a custom status with this key (another instance's is not). */
export async function hasCustomStatus(db: Db, instanceId: string, key: string): Promise<boolean> {
  const row = await customStatusQuery(db, instanceId).where('key', '=', key).executeTakeFirst();
  return row !== undefined;
}

export async function findCustomStatus(
  db: Db,
  instanceId: string,
  id: string,
): Promise<SyncStatusDefinition | undefined> {
  const row = await customStatusQuery(db, instanceId).where('id', '=', id).executeTakeFirst();
  return row ? statusDefinitionEntity(row) : undefined;
}

/** Gives each listed status its index as position (the caller checked the list is complete). */
export async function setCustomStatusOrder(
  tx: Db,
  s: { instanceId: string; ids: readonly string[]; now: string },
): Promise<void> {
  for (const [position, id] of s.ids.entries()) {
    await tx
      .updateTable('custom_statuses')
      .set({ position, updated_at: s.now })
      .where('instance_id', '=', s.instanceId)
      .where('id', '=', id)
      .execute();
  }
}
