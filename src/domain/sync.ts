// The sync protocol the PWA and the server agree on (docs/contract.md, "Sync"). Pure types and
// rules: the Dexie store (src/store/) and the HTTP client (src/api/) both build on these.
import type { AgentStatus, CustomStatusKey } from './agent-status';
import type { TaskStatus, TaskType } from './types';

// ---------------------------------------------------------------------------------------------
// Entities: what a pull delivers and what the local store keeps.

export interface SyncTask {
  id: string;
  type: TaskType;
  channel: string;
  title: string;
  description: string;
  customerName: string;
  customerPhone: string | null;
  customerEmail: string | null;
  contactId: string | null;
  status: TaskStatus;
  assigneeId: string | null;
  /** The colleague the task is offered to, until they accept or decline (issue 5). */
  offeredToId: string | null;
  priority: number;
  skills: string[];
  dueAt: string | null;
  createdById: string | null;
  createdAt: string;
  updatedAt: string;
  // Issue 5. Optional: rows cached before these fields existed lack them.
  /** Who made the open offer (or the last one, when offerReturn says what became of it). */
  offeredById?: string | null;
  /** When the open offer lapses. */
  offerExpiresAt?: string | null;
  /** The last offer came back: declined (with the reason) or expired. */
  offerReturn?: OfferReturn | null;
  /** The outcome tag given when it was resolved, e.g. "#refund". */
  outcomeTag?: string | null;
  /** The task this one follows up. */
  followUpOfId?: string | null;
}

export interface OfferReturn {
  kind: 'declined' | 'expired';
  /** Who declined it, or who let it expire. */
  byId: string;
  reason: string | null;
  at: string;
}

export interface AttachmentRef {
  /** Client-made UUID; the bytes are PUT to /api/attachments/:id before the comment is pushed. */
  id: string;
  name: string;
  size: number;
  type: string;
}

export interface SyncComment {
  id: string;
  taskId: string;
  authorId: string;
  body: string;
  attachments: AttachmentRef[];
  createdAt: string;
}

export const logKinds = [
  'created',
  'assigned',
  'offered',
  'status',
  'comment',
  'call',
  'email',
  'chat',
  'follow_up',
  'accepted',
  'declined',
  'offer_expired',
] as const;
export type LogKind = (typeof logKinds)[number];

export interface SyncLogItem {
  id: string;
  taskId: string;
  actorId: string | null;
  kind: LogKind;
  /** Kind-specific details, e.g. {from, to} for 'status', {assigneeId} for 'assigned'. */
  data: Record<string, unknown>;
  createdAt: string;
}

/** A saved filter's criteria; issue 5 defines the fields, the store keeps them as they come. */
export type FilterQuery = Record<string, unknown>;

export interface SyncFilter {
  id: string;
  ownerId: string;
  name: string;
  /** Shared with the whole instance, or private to its owner. */
  shared: boolean;
  query: FilterQuery;
  createdAt: string;
  updatedAt: string;
}

export interface SyncContact {
  id: string;
  name: string;
  company: string | null;
  phone: string | null;
  email: string | null;
  updatedAt: string;
}

export interface SyncMember {
  userId: string;
  name: string;
  email: string;
  role: 'agent' | 'team_leader' | 'admin';
  extension: string | null;
  /** Issue 5; optional: rows cached before it lack it. */
  skills?: string[];
}

export interface SyncAgentStatus {
  userId: string;
  status: AgentStatus;
  /** When this status began: the activity timer counts from here. */
  since: string;
}

/** A status an instance's admins added (issue 6); every member's device has the list. */
export interface SyncStatusDefinition {
  id: string;
  /** What an agent's status holds: 'c-<id>'. */
  key: CustomStatusKey;
  label: string;
  /** '#rrggbb'. */
  colour: string;
  receivesWork: boolean;
  /** The task types it receives; null for all. */
  channels: TaskType[] | null;
  /** Flagged to the agent and team leaders once over; null for no limit. */
  timeLimitSeconds: number | null;
  /** Menu order among the custom statuses. */
  position: number;
}

export interface SyncCall {
  id: string;
  userId: string;
  direction: 'inbound' | 'outbound';
  /** The other party: an extension or a phone number. */
  peer: string;
  peerName: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  outcome: 'answered' | 'missed' | 'declined' | 'failed' | 'cancelled';
  taskId: string | null;
}

export interface EntityByKind {
  task: SyncTask;
  comment: SyncComment;
  logItem: SyncLogItem;
  filter: SyncFilter;
  contact: SyncContact;
  member: SyncMember;
  agentStatus: SyncAgentStatus;
  call: SyncCall;
  statusDefinition: SyncStatusDefinition;
}
export type EntityKind = keyof EntityByKind;
export const entityKinds = [
  'task',
  'comment',
  'logItem',
  'filter',
  'contact',
  'member',
  'agentStatus',
  'call',
  'statusDefinition',
] as const satisfies readonly EntityKind[];

/** One change in a pull: the entity's whole current state, or that it is gone (or no longer visible). */
export type Change = {
  [K in EntityKind]:
    { kind: K; op: 'put'; value: EntityByKind[K] } | { kind: K; op: 'delete'; id: string };
}[EntityKind];

export interface PullResponse {
  changes: Change[];
  /** Opaque: pass it back as ?cursor= next time. */
  cursor: string;
  /** More changes wait: pull again at once with the new cursor. */
  more: boolean;
}

// ---------------------------------------------------------------------------------------------
// Mutations: every change a user makes.

export interface MutationArgs {
  'task.create': {
    id: string;
    type: TaskType;
    channel: string;
    title: string;
    description: string;
    customerName: string;
    customerPhone: string | null;
    customerEmail: string | null;
    contactId: string | null;
    priority: number;
    skills: string[];
    dueAt: string | null;
    assigneeId: string | null;
    /** A follow-up of this task (issue 5). */
    followUpOfId?: string | null;
  };
  /**
   * `outcomeTag`: a hashtag when resolving (required where the instance says so).
   * `expectedAssigneeId`: the assignee the user saw; if someone reassigned it meanwhile, rejected.
   */
  'task.setStatus': {
    taskId: string;
    status: TaskStatus;
    outcomeTag?: string | null;
    expectedAssigneeId?: string | null;
  };
  /** Take a task ("Assign to me"); team leaders and admins may give it to anyone (or nobody). */
  'task.assign': { taskId: string; assigneeId: string | null };
  /** Offer to a colleague; they accept or decline (issue 5). */
  'task.offer': { taskId: string; toUserId: string };
  /** The colleague a task is offered to takes it. */
  'task.acceptOffer': { taskId: string };
  /** …or gives it back to the offerer, saying why. */
  'task.declineOffer': { taskId: string; reason: string };
  'comment.add': { id: string; taskId: string; body: string; attachments: AttachmentRef[] };
  /** `at` is when the agent chose it: an older change never overwrites a newer one. */
  'agentStatus.set': { status: AgentStatus; at: string };
  'filter.save': { id: string; name: string; shared: boolean; query: FilterQuery };
  'filter.delete': { id: string };
  'call.record': Omit<SyncCall, 'userId'>;
}
export type MutationName = keyof MutationArgs;
export const mutationNames = [
  'task.create',
  'task.setStatus',
  'task.assign',
  'task.offer',
  'task.acceptOffer',
  'task.declineOffer',
  'comment.add',
  'agentStatus.set',
  'filter.save',
  'filter.delete',
  'call.record',
] as const satisfies readonly MutationName[];

export type Mutation = {
  [N in MutationName]: {
    /** Client-made UUID of this mutation. */
    id: string;
    /** 1, 2, 3... per clientId, never reused; the server applies them in this order, once. */
    seq: number;
    name: N;
    args: MutationArgs[N];
    createdAt: string;
  };
}[MutationName];

export interface PushRequest {
  /** One per local database (user + instance + browser profile). */
  clientId: string;
  mutations: Mutation[];
}

export const rejectReasons = [
  'not_found', // the task (or filter) is gone
  'forbidden', // the user may not do this (any more)
  'invalid', // the arguments can never be valid
  'conflict', // someone else got there first, e.g. the task is assigned to a colleague
  'attachment_missing', // an attachment was not uploaded
] as const;
export type RejectReason = (typeof rejectReasons)[number];

export type MutationResult =
  | { seq: number; status: 'ok' }
  | {
      seq: number;
      status: 'rejected';
      reason: RejectReason;
      /** A sentence for the user. */
      message: string;
      /** The server's current state of what the mutation touched, so the client can undo it. */
      changes: Change[];
    };

export interface PushResponse {
  results: MutationResult[];
}

/** Sent on the sync WebSocket when something that concerns the user changed. */
export interface Poke {
  type: 'poke';
}

/** Mutations that touch an entity, so a pulled row can be rebased under pending local changes. */
export function mutationTouches(mutation: Mutation): { kind: EntityKind; id: string }[] {
  switch (mutation.name) {
    case 'task.create':
      return [{ kind: 'task', id: mutation.args.id }];
    case 'task.setStatus':
    case 'task.assign':
    case 'task.offer':
    case 'task.acceptOffer':
    case 'task.declineOffer':
      return [{ kind: 'task', id: mutation.args.taskId }];
    case 'comment.add':
      return [
        { kind: 'comment', id: mutation.args.id },
        { kind: 'task', id: mutation.args.taskId },
      ];
    case 'agentStatus.set':
      return [];
    case 'filter.save':
    case 'filter.delete':
      return [{ kind: 'filter', id: mutation.args.id }];
    case 'call.record':
      return [{ kind: 'call', id: mutation.args.id }];
  }
}

/** The largest attachment the server takes (ATTACHMENT_MAX_BYTES); checked before queuing. */
export const attachmentMaxBytes = 10 * 1024 * 1024;
