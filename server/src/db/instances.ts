import type { Insertable, Selectable } from 'kysely';
import type { Db } from './open.js';
import type { InstancesTable, MembershipsTable, Role } from './schema.js';

export interface InstanceAccess {
  instanceId: string;
  instanceName: string;
  role: Role;
  extension: string | null;
}

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: Role;
  extension: string | null;
}

export async function insertInstance(db: Db, instance: Insertable<InstancesTable>): Promise<void> {
  await db.insertInto('instances').values(instance).execute();
}

export async function insertMemberships(
  db: Db,
  rows: Insertable<MembershipsTable>[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('memberships').values(rows).execute();
}

export async function insertProvider(
  db: Db,
  row: { instance_id: string; user_id: string; created_at: string },
): Promise<void> {
  await db.insertInto('instance_providers').values(row).execute();
}

export async function countInstances(db: Db): Promise<number> {
  const row = await db
    .selectFrom('instances')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Every instance the user may enter: memberships with their role, plus instances that list the
 * user as service provider (entered as admin, no extension) where they are not also a member.
 */
export async function listAccess(db: Db, userId: string): Promise<InstanceAccess[]> {
  const members = await db
    .selectFrom('memberships as m')
    .innerJoin('instances as i', 'i.id', 'm.instance_id')
    .select([
      'i.id as instanceId',
      'i.name as instanceName',
      'm.role as role',
      'm.extension as extension',
    ])
    .where('m.user_id', '=', userId)
    .execute();
  const provided = await db
    .selectFrom('instance_providers as p')
    .innerJoin('instances as i', 'i.id', 'p.instance_id')
    .select(['i.id as instanceId', 'i.name as instanceName'])
    .where('p.user_id', '=', userId)
    .execute();
  const seen = new Set(members.map((m) => m.instanceId));
  const all: InstanceAccess[] = [
    ...members,
    ...provided
      .filter((p) => !seen.has(p.instanceId))
      .map((p) => ({ ...p, role: 'admin' as const, extension: null })),
  ];
  return all.sort(
    (a, b) =>
      a.instanceName.localeCompare(b.instanceName) || a.instanceId.localeCompare(b.instanceId),
  );
}

export async function findAccess(
  db: Db,
  userId: string,
  instanceId: string,
): Promise<InstanceAccess | undefined> {
  const access = await listAccess(db, userId);
  return access.find((a) => a.instanceId === instanceId);
}

export async function findMembership(
  db: Db,
  instanceId: string,
  userId: string,
): Promise<Selectable<MembershipsTable> | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function listMembers(db: Db, instanceId: string): Promise<MemberRow[]> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select([
      'u.id as userId',
      'u.name as name',
      'u.email as email',
      'm.role as role',
      'm.extension as extension',
    ])
    .where('m.instance_id', '=', instanceId)
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
}

/** The instance's SIP prefix; undefined when the instance does not exist. */
export async function findSipPrefix(db: Db, instanceId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('instances')
    .select('sip_prefix')
    .where('id', '=', instanceId)
    .executeTakeFirst();
  return row?.sip_prefix;
}

/** Settings of an instance that the task workspace follows (issue 5). */
export interface InstanceSettings {
  /** Resolving a task needs an outcome tag. */
  outcomeTagRequired: boolean;
  /** How long an offer to a colleague waits for an answer. */
  offerTtlSeconds: number;
  /** The router reserves waiting tasks to Ready agents (issue 6); off: only Play hands out work. */
  pushRouting: boolean;
  /** How long an agent stays in wrap-up after a call; 0: no wrap-up. */
  wrapUpSeconds: number;
  /** How long an agent has to accept work the router reserved to them. */
  reservationSeconds: number;
  /** How much work of each channel an agent holds at once. */
  capacity: Capacity;
}

export interface Capacity {
  call: number;
  email: number;
  chat: number;
  manual: number;
}

/** One call at a time; several chats and emails (routing/rules.ts has the same defaults). */
export const defaultCapacity: Capacity = { call: 1, email: 5, chat: 3, manual: 5 };

function parseCapacity(text: string | null | undefined): Capacity {
  if (!text) return defaultCapacity;
  try {
    const parsed = JSON.parse(text) as Partial<Capacity>;
    const pick = (key: keyof Capacity) => {
      const value = parsed[key];
      return typeof value === 'number' && Number.isInteger(value) && value > 0
        ? value
        : defaultCapacity[key];
    };
    return { call: pick('call'), email: pick('email'), chat: pick('chat'), manual: pick('manual') };
  } catch {
    return defaultCapacity;
  }
}

export async function findInstanceSettings(
  db: Db,
  instanceId: string,
): Promise<InstanceSettings | undefined> {
  const row = await db
    .selectFrom('instances')
    .select([
      'outcome_tag_required',
      'offer_ttl_seconds',
      'push_routing',
      'wrap_up_seconds',
      'reservation_seconds',
      'capacity',
    ])
    .where('id', '=', instanceId)
    .executeTakeFirst();
  return (
    row && {
      outcomeTagRequired: Number(row.outcome_tag_required) === 1,
      offerTtlSeconds: Number(row.offer_ttl_seconds),
      pushRouting: Number(row.push_routing) === 1,
      wrapUpSeconds: Number(row.wrap_up_seconds),
      reservationSeconds: Number(row.reservation_seconds),
      capacity: parseCapacity(row.capacity),
    }
  );
}

export async function updateInstanceSettings(
  db: Db,
  instanceId: string,
  patch: Partial<InstanceSettings>,
): Promise<void> {
  const set: {
    outcome_tag_required?: number;
    offer_ttl_seconds?: number;
    push_routing?: number;
    wrap_up_seconds?: number;
    reservation_seconds?: number;
    capacity?: string;
  } = {};
  if (patch.outcomeTagRequired !== undefined)
    set.outcome_tag_required = patch.outcomeTagRequired ? 1 : 0;
  if (patch.offerTtlSeconds !== undefined) set.offer_ttl_seconds = patch.offerTtlSeconds;
  if (patch.pushRouting !== undefined) set.push_routing = patch.pushRouting ? 1 : 0;
  if (patch.wrapUpSeconds !== undefined) set.wrap_up_seconds = patch.wrapUpSeconds;
  if (patch.reservationSeconds !== undefined) set.reservation_seconds = patch.reservationSeconds;
  if (patch.capacity !== undefined) set.capacity = JSON.stringify(patch.capacity);
  if (Object.keys(set).length === 0) return;
  await db.updateTable('instances').set(set).where('id', '=', instanceId).execute();
}

/** The skills of each member, by user id (JSON arrays in memberships.skills). */
export async function memberSkills(
  db: Db,
  instanceId: string,
  userIds: readonly string[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (userIds.length === 0) return found;
  const rows = await db
    .selectFrom('memberships')
    .select(['user_id', 'skills'])
    .where('instance_id', '=', instanceId)
    .where('user_id', 'in', [...userIds])
    .execute();
  for (const row of rows) found.set(row.user_id, parseSkills(row.skills));
  return found;
}

export function parseSkills(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

export async function setMemberSkills(
  db: Db,
  instanceId: string,
  userId: string,
  skills: readonly string[],
): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ skills: JSON.stringify([...new Set(skills)]) })
    .where('instance_id', '=', instanceId)
    .where('user_id', '=', userId)
    .execute();
}
