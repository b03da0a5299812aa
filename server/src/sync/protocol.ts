// The sync protocol as the server speaks it: the same JSON shapes as src/domain/sync.ts (the
// client's types; docs/contract.md "Sync"). Pure types and constants, importable from db/ too.
// A test (protocol.test.ts) checks the lists against the client's so the two cannot drift.

export const taskTypes = ['call', 'email', 'chat', 'manual'] as const;
export type TaskType = (typeof taskTypes)[number];
export const taskStatuses = ['open', 'pending', 'resolved'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
/** The built-in agent statuses; an instance's custom ones have keys 'c-<uuid>' (issue 6). */
export const agentStatuses = ['ready', 'busy', 'break', 'offline', 'missed', 'wrap_up'] as const;
export type BuiltInStatus = (typeof agentStatuses)[number];
export type CustomStatusKey = `c-${string}`;
export type AgentStatus = BuiltInStatus | CustomStatusKey;
export type Role = 'agent' | 'team_leader' | 'admin';

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
  data: Record<string, unknown>;
  createdAt: string;
}

export type FilterQuery = Record<string, unknown>;

export interface SyncFilter {
  id: string;
  ownerId: string;
  name: string;
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
  role: Role;
  extension: string | null;
  /** Issue 5; optional: rows cached before it lack it. */
  skills?: string[];
}

export interface SyncAgentStatus {
  userId: string;
  status: AgentStatus;
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

export const callDirections = ['inbound', 'outbound'] as const;
export const callOutcomes = ['answered', 'missed', 'declined', 'failed', 'cancelled'] as const;

export interface SyncCall {
  id: string;
  userId: string;
  direction: (typeof callDirections)[number];
  peer: string;
  peerName: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  outcome: (typeof callOutcomes)[number];
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

export type Change = {
  [K in EntityKind]:
    { kind: K; op: 'put'; value: EntityByKind[K] } | { kind: K; op: 'delete'; id: string };
}[EntityKind];

/** An entity a change or a mutation concerns, by kind and id (a member's id is its userId). */
export interface EntityRef {
  kind: EntityKind;
  id: string;
}

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
  'task.assign': { taskId: string; assigneeId: string | null };
  'task.offer': { taskId: string; toUserId: string };
  'task.acceptOffer': { taskId: string };
  'task.declineOffer': { taskId: string; reason: string };
  'comment.add': { id: string; taskId: string; body: string; attachments: AttachmentRef[] };
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
    id: string;
    seq: number;
    name: N;
    args: MutationArgs[N];
    createdAt: string;
  };
}[MutationName];

export const rejectReasons = [
  'not_found',
  'forbidden',
  'invalid',
  'conflict',
  'attachment_missing',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

export type MutationResult =
  | { seq: number; status: 'ok' }
  | { seq: number; status: 'rejected'; reason: RejectReason; message: string; changes: Change[] };

export interface PullResponse {
  changes: Change[];
  cursor: string;
  more: boolean;
}
