import type {
  AgentStatus,
  AttachmentRef,
  Change,
  EntityKind,
  EntityRef,
  LogKind,
  OfferReturn,
  SyncAgentStatus,
  SyncMember,
  SyncCall,
  SyncComment,
  SyncContact,
  SyncFilter,
  SyncLogItem,
  SyncTask,
} from '../sync/protocol.js';
import { customStatusesAfter, customStatusesByIds } from './custom-statuses.js';
import { parseSkills } from './instances.js';
import type { Db } from './open.js';
import type {
  AgentStatusesTable,
  CallHistoryTable,
  CommentsTable,
  ContactsTable,
  LogItemsTable,
  SavedFiltersTable,
  TasksTable,
} from './schema.js';

// Rows of the synced tables as the camelCase entities of the sync protocol, loaded by id for a
// pull or page by page for a bootstrap. Every read takes the instance id: tenants are walls.

const IN_CHUNK = 500;

function json<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function taskEntity(row: TasksTable): SyncTask {
  const skills = json<unknown>(row.skills, []);
  return {
    id: row.id,
    type: row.type,
    channel: row.channel,
    title: row.title,
    description: row.description,
    customerName: row.customer_name,
    customerPhone: row.customer_phone,
    customerEmail: row.customer_email,
    contactId: row.contact_id,
    status: row.status,
    assigneeId: row.assignee_id,
    offeredToId: row.offered_to_id,
    priority: row.priority,
    skills: Array.isArray(skills) ? skills.filter((s): s is string => typeof s === 'string') : [],
    dueAt: row.due_at,
    createdById: row.created_by_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    offeredById: row.offered_by_id,
    offerExpiresAt: row.offer_expires_at,
    offerReturn: offerReturnOf(row.offer_return),
    outcomeTag: row.outcome_tag,
    followUpOfId: row.follow_up_of_id,
  };
}

function offerReturnOf(text: string | null): OfferReturn | null {
  if (text === null) return null;
  const value = json<Partial<OfferReturn> | null>(text, null);
  if (!value || (value.kind !== 'declined' && value.kind !== 'expired')) return null;
  return {
    kind: value.kind,
    byId: typeof value.byId === 'string' ? value.byId : '',
    reason: typeof value.reason === 'string' ? value.reason : null,
    at: typeof value.at === 'string' ? value.at : '',
  };
}

export function commentEntity(row: CommentsTable): SyncComment {
  return {
    id: row.id,
    taskId: row.task_id,
    authorId: row.author_id,
    body: row.body,
    attachments: json<AttachmentRef[]>(row.attachments, []),
    createdAt: row.created_at,
  };
}

export function logItemEntity(row: LogItemsTable): SyncLogItem {
  return {
    id: row.id,
    taskId: row.task_id,
    actorId: row.actor_id,
    kind: row.kind as LogKind,
    data: json<Record<string, unknown>>(row.data, {}),
    createdAt: row.created_at,
  };
}

export function filterEntity(row: SavedFiltersTable): SyncFilter {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    shared: row.shared === 1,
    query: json<Record<string, unknown>>(row.query, {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function contactEntity(row: ContactsTable): SyncContact {
  return {
    id: row.id,
    name: row.name,
    company: row.company,
    phone: row.phone,
    email: row.email,
    updatedAt: row.updated_at,
  };
}

export function agentStatusEntity(row: AgentStatusesTable): SyncAgentStatus {
  return { userId: row.user_id, status: row.status as AgentStatus, since: row.since };
}

export function callEntity(row: CallHistoryTable): SyncCall {
  return {
    id: row.id,
    userId: row.user_id,
    direction: row.direction as SyncCall['direction'],
    peer: row.peer,
    peerName: row.peer_name,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    outcome: row.outcome as SyncCall['outcome'],
    taskId: row.task_id,
  };
}

/** Who is asking: what they may see depends on it (private filters, own call history). */
export interface Viewer {
  instanceId: string;
  userId: string;
}

function memberQuery(db: Db, instanceId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select([
      'u.id as userId',
      'u.name as name',
      'u.email as email',
      'm.role as role',
      'm.extension as extension',
      'm.skills as skills',
    ])
    .where('m.instance_id', '=', instanceId);
}

function memberEntity(row: Omit<SyncMember, 'skills'> & { skills: string }): SyncMember {
  return { ...row, skills: parseSkills(row.skills) };
}

function visibleFilters(db: Db, viewer: Viewer) {
  return db
    .selectFrom('saved_filters')
    .selectAll()
    .where('instance_id', '=', viewer.instanceId)
    .where((eb) => eb.or([eb('shared', '=', 1), eb('owner_id', '=', viewer.userId)]));
}

function ownCalls(db: Db, viewer: Viewer) {
  return db
    .selectFrom('call_history')
    .selectAll()
    .where('instance_id', '=', viewer.instanceId)
    .where('user_id', '=', viewer.userId);
}

async function byIds<T>(
  ids: readonly string[],
  load: (chunk: string[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK)
    out.push(...(await load(ids.slice(i, i + IN_CHUNK))));
  return out;
}

type Put = Extract<Change, { op: 'put' }>;

/** The current, visible state of one kind's entities, keyed by id; a missing id is gone or hidden. */
async function loadKind(
  db: Db,
  viewer: Viewer,
  kind: EntityKind,
  ids: string[],
): Promise<Map<string, Put>> {
  const { instanceId } = viewer;
  const found = new Map<string, Put>();
  switch (kind) {
    case 'task':
      for (const row of await byIds(ids, (chunk) =>
        db
          .selectFrom('tasks')
          .selectAll()
          .where('instance_id', '=', instanceId)
          .where('id', 'in', chunk)
          .execute(),
      )) {
        found.set(row.id, { kind, op: 'put', value: taskEntity(row) });
      }
      break;
    case 'comment':
      for (const row of await byIds(ids, (chunk) =>
        db
          .selectFrom('comments')
          .selectAll()
          .where('instance_id', '=', instanceId)
          .where('id', 'in', chunk)
          .execute(),
      )) {
        found.set(row.id, { kind, op: 'put', value: commentEntity(row) });
      }
      break;
    case 'logItem':
      for (const row of await byIds(ids, (chunk) =>
        db
          .selectFrom('log_items')
          .selectAll()
          .where('instance_id', '=', instanceId)
          .where('id', 'in', chunk)
          .execute(),
      )) {
        found.set(row.id, { kind, op: 'put', value: logItemEntity(row) });
      }
      break;
    case 'filter':
      for (const row of await byIds(ids, (chunk) =>
        visibleFilters(db, viewer).where('id', 'in', chunk).execute(),
      )) {
        found.set(row.id, { kind, op: 'put', value: filterEntity(row) });
      }
      break;
    case 'contact':
      for (const row of await byIds(ids, (chunk) =>
        db
          .selectFrom('contacts')
          .selectAll()
          .where('instance_id', '=', instanceId)
          .where('id', 'in', chunk)
          .execute(),
      )) {
        found.set(row.id, { kind, op: 'put', value: contactEntity(row) });
      }
      break;
    case 'member':
      for (const row of await byIds(ids, (chunk) =>
        memberQuery(db, instanceId).where('m.user_id', 'in', chunk).execute(),
      )) {
        found.set(row.userId, { kind, op: 'put', value: memberEntity(row) });
      }
      break;
    case 'agentStatus':
      for (const row of await byIds(ids, (chunk) =>
        db
          .selectFrom('agent_statuses')
          .selectAll()
          .where('instance_id', '=', instanceId)
          .where('user_id', 'in', chunk)
          .execute(),
      )) {
        found.set(row.user_id, { kind, op: 'put', value: agentStatusEntity(row) });
      }
      break;
    case 'call':
      for (const row of await byIds(ids, (chunk) =>
        ownCalls(db, viewer).where('id', 'in', chunk).execute(),
      )) {
        found.set(row.id, { kind, op: 'put', value: callEntity(row) });
      }
      break;
    case 'statusDefinition':
      for (const value of await byIds(ids, (chunk) => customStatusesByIds(db, instanceId, chunk))) {
        found.set(value.id, { kind, op: 'put', value });
      }
      break;
  }
  return found;
}

/**
 * The current state of each referenced entity as the viewer may see it, in the order given:
 * a put, or a delete when the row is gone, in another instance, or hidden from the viewer.
 */
export async function loadChanges(
  db: Db,
  viewer: Viewer,
  refs: readonly EntityRef[],
): Promise<Change[]> {
  const idsByKind = new Map<EntityKind, string[]>();
  for (const ref of refs) {
    const ids = idsByKind.get(ref.kind) ?? [];
    ids.push(ref.id);
    idsByKind.set(ref.kind, ids);
  }
  const loaded = new Map<EntityKind, Map<string, Put>>();
  for (const [kind, ids] of idsByKind) loaded.set(kind, await loadKind(db, viewer, kind, ids));
  return refs.map(
    (ref): Change =>
      loaded.get(ref.kind)?.get(ref.id) ?? { kind: ref.kind, op: 'delete', id: ref.id },
  );
}

// ---------------------------------------------------------------------------------------------
// Bootstrap: what a new local database starts from, one section after the other, each in id order
// so a page can resume after the last id it delivered.

export const bootstrapSections = [
  'member',
  'agentStatus',
  'contact',
  'filter',
  'task',
  'comment',
  // No log items: a task's log comes when it is opened (GET /api/sync/tasks/:id). They were a
  // third of a 10k bootstrap's rows, and the log matters less offline than comments do.
  'call',
  // Last, though the status menu wants them early: a bootstrap cursor holds a section's index, so
  // one made before custom statuses existed still points at the same section after the upgrade.
  'statusDefinition',
] as const satisfies readonly EntityKind[];
export type BootstrapSection = (typeof bootstrapSections)[number];

export interface BootstrapWindow {
  /** Own resolved tasks and own calls from this time on are included. */
  recentSince: string;
}

/** Up to `limit` entities of one bootstrap section with an id after `afterId`, in id order. */
export async function loadBootstrapPage(
  db: Db,
  viewer: Viewer,
  section: BootstrapSection,
  afterId: string,
  limit: number,
  window: BootstrapWindow,
): Promise<{ id: string; change: Change }[]> {
  const { instanceId, userId } = viewer;
  switch (section) {
    case 'member': {
      const rows = await memberQuery(db, instanceId)
        .where('m.user_id', '>', afterId)
        .orderBy('m.user_id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.userId,
        change: { kind: section, op: 'put', value: memberEntity(row) },
      }));
    }
    case 'agentStatus': {
      const rows = await db
        .selectFrom('agent_statuses')
        .selectAll()
        .where('instance_id', '=', instanceId)
        .where('user_id', '>', afterId)
        .orderBy('user_id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.user_id,
        change: { kind: section, op: 'put', value: agentStatusEntity(row) },
      }));
    }
    case 'contact': {
      const rows = await db
        .selectFrom('contacts')
        .selectAll()
        .where('instance_id', '=', instanceId)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        change: { kind: section, op: 'put', value: contactEntity(row) },
      }));
    }
    case 'filter': {
      const rows = await visibleFilters(db, viewer)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        change: { kind: section, op: 'put', value: filterEntity(row) },
      }));
    }
    case 'task': {
      const rows = await db
        .selectFrom('tasks')
        .selectAll()
        .where('instance_id', '=', instanceId)
        .where('id', '>', afterId)
        .where((eb) =>
          eb.or([
            eb('status', 'in', ['open', 'pending']),
            eb.and([
              eb('assignee_id', '=', userId),
              eb('status', '=', 'resolved'),
              eb('updated_at', '>=', window.recentSince),
            ]),
          ]),
        )
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        change: { kind: section, op: 'put', value: taskEntity(row) },
      }));
    }
    case 'comment': {
      const rows = await db
        .selectFrom('comments as c')
        .innerJoin('tasks as t', 't.id', 'c.task_id')
        .selectAll('c')
        .where('c.instance_id', '=', instanceId)
        .where('t.assignee_id', '=', userId)
        .where('c.id', '>', afterId)
        .orderBy('c.id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        change: { kind: section, op: 'put', value: commentEntity(row) },
      }));
    }
    case 'call': {
      const rows = await ownCalls(db, viewer)
        .where('started_at', '>=', window.recentSince)
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        change: { kind: section, op: 'put', value: callEntity(row) },
      }));
    }
    case 'statusDefinition': {
      const values = await customStatusesAfter(db, instanceId, afterId, limit);
      return values.map((value) => ({ id: value.id, change: { kind: section, op: 'put', value } }));
    }
  }
}

/** One task with its comments and log items (opening a task the bootstrap did not bring). */
export async function loadTaskDetail(
  db: Db,
  instanceId: string,
  taskId: string,
): Promise<Change[] | undefined> {
  const task = await db
    .selectFrom('tasks')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('id', '=', taskId)
    .executeTakeFirst();
  if (!task) return undefined;
  const comments = await db
    .selectFrom('comments')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('task_id', '=', taskId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const log = await db
    .selectFrom('log_items')
    .selectAll()
    .where('instance_id', '=', instanceId)
    .where('task_id', '=', taskId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return [
    { kind: 'task', op: 'put', value: taskEntity(task) },
    ...comments.map((row): Change => ({ kind: 'comment', op: 'put', value: commentEntity(row) })),
    ...log.map((row): Change => ({ kind: 'logItem', op: 'put', value: logItemEntity(row) })),
  ];
}
