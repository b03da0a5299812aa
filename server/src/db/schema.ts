import type { Generated } from 'kysely';

// Table shapes shared by both dialects. Times are ISO-8601 UTC strings (sortable as text),
// flags are 0/1 integers, ids are server-made UUID strings.
export type Role = 'agent' | 'team_leader' | 'admin';
export type TaskType = 'call' | 'email' | 'chat' | 'manual';
export type TaskStatus = 'open' | 'pending' | 'resolved';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  service_provider: number;
  last_instance_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface InstancesTable {
  id: string;
  name: string;
  /** ^[a-z][a-z0-9]{1,30}$, unique: SIP users of the instance are '<sip_prefix>-<extension>'. */
  sip_prefix: string;
  created_at: string;
  /** The instance's change sequence: the seq of its latest row in sync_changes. */
  change_seq: Generated<number>;
  /** 1: resolving a task needs an outcome tag (issue 5). */
  outcome_tag_required: Generated<number>;
  /** How long an offer to a colleague waits for an answer. */
  offer_ttl_seconds: Generated<number>;
  /** 1: waiting tasks are reserved to Ready agents by the router, not only taken by Play (0008). */
  push_routing: Generated<number>;
  /** After a call the agent is in wrap-up for up to this long; 0: no wrap-up (0008). */
  wrap_up_seconds: Generated<number>;
  /** How long an agent has to accept work the router reserved to them (0008). */
  reservation_seconds: Generated<number>;
  /** JSON {call, email, chat, manual}: work of each channel an agent holds at once; NULL: defaults (0012). */
  capacity?: string | null;
}

export interface MembershipsTable {
  instance_id: string;
  user_id: string;
  role: Role;
  extension: string | null;
  created_at: string;
  /** JSON array of skill names the member has. */
  skills: Generated<string>;
}

/** Service providers manage the instances that list them here; they enter them as admins. */
export interface InstanceProvidersTable {
  instance_id: string;
  user_id: string;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  current_instance_id: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface InvitationsTable {
  id: string;
  token_hash: string;
  instance_id: string;
  email: string;
  name: string | null;
  role: Role;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface SkillsTable {
  id: string;
  instance_id: string;
  name: string;
  created_at: string;
}

export interface TasksTable {
  id: string;
  instance_id: string;
  type: TaskType;
  channel: string;
  title: string;
  customer_name: string;
  customer_phone: string | null;
  customer_email: string | null;
  status: TaskStatus;
  assignee_id: string | null;
  priority: number;
  /** JSON array of skill names. */
  skills: string;
  due_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  description: string;
  contact_id: string | null;
  offered_to_id: string | null;
  created_by_id: string | null;
  offered_by_id: string | null;
  offer_expires_at: string | null;
  /** JSON {kind: 'declined' | 'expired', byId, reason, at}, or null. */
  offer_return: string | null;
  outcome_tag: string | null;
  follow_up_of_id: string | null;
}

export interface CommentsTable {
  id: string;
  instance_id: string;
  task_id: string;
  author_id: string;
  body: string;
  /** JSON array of {id, name, size, type}. */
  attachments: string;
  created_at: string;
}

export interface LogItemsTable {
  id: string;
  instance_id: string;
  task_id: string;
  actor_id: string | null;
  kind: string;
  /** JSON object, kind-specific. */
  data: string;
  created_at: string;
}

export interface SavedFiltersTable {
  id: string;
  instance_id: string;
  owner_id: string;
  name: string;
  shared: number;
  /** JSON object. */
  query: string;
  created_at: string;
  updated_at: string;
}

export interface ContactsTable {
  id: string;
  instance_id: string;
  name: string;
  company: string | null;
  phone: string | null;
  email: string | null;
  updated_at: string;
}

export interface AgentStatusesTable {
  instance_id: string;
  user_id: string;
  status: string;
  since: string;
  /** When the agent last had a sync socket open on any node (issue 6); null: not since 0007. */
  last_seen_at?: string | null;
  /** When the router last reserved a task to the agent (0008): idle since = the later of this and since. */
  last_routed_at?: string | null;
}

export interface CallHistoryTable {
  id: string;
  instance_id: string;
  user_id: string;
  direction: string;
  peer: string;
  peer_name: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string;
  outcome: string;
  task_id: string | null;
}

export interface AttachmentsTable {
  id: string;
  instance_id: string;
  uploader_id: string;
  task_id: string | null;
  name: string;
  type: string;
  size: number;
  bytes: Buffer;
  created_at: string;
}

export interface SyncChangesTable {
  instance_id: string;
  seq: number;
  kind: string;
  entity_id: string;
  audience_user_id: string | null;
}

export interface SyncClientsTable {
  client_id: string;
  user_id: string;
  instance_id: string;
  last_seq: number;
  created_at: string;
}

export interface SyncResultsTable {
  client_id: string;
  seq: number;
  mutation_id: string;
  status: string;
  reason: string | null;
  message: string | null;
  /** JSON [{kind, id}]: what a rejected mutation touched. */
  touched: string;
}

/** A number callers dial to reach a queue of the instance (ACD, 0009): unique across instances. */
export interface QueueNumbersTable {
  number: string;
  instance_id: string;
  name: string;
  /** JSON array of skill names its call tasks require. */
  skills: Generated<string>;
  priority: Generated<number>;
  /** How long one agent rings before the next: the call's reservation timeout. */
  ring_seconds: Generated<number>;
  created_at: string;
}

/** A call Kamailio routes through a queue (0009), by its Call-ID. */
export interface AcdCallsTable {
  call_id: string;
  instance_id: string;
  task_id: string;
  number: string;
  /** Ringing now (state ringing) or talking (answered); null otherwise. */
  agent_id: string | null;
  state: 'ringing' | 'answered' | 'ended';
  created_at: string;
  updated_at: string;
}

/** A status an instance's admins added next to the built-in ones (0010). */
export interface CustomStatusesTable {
  id: string;
  instance_id: string;
  /** What agent_statuses.status holds: 'c-<id>', stable when the label changes. */
  key: string;
  label: string;
  /** '#rrggbb'. */
  colour: string;
  receives_work: Generated<number>;
  /** JSON array of task types it receives; null for every channel. */
  channels: string | null;
  time_limit_seconds: number | null;
  position: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface Database {
  users: UsersTable;
  instances: InstancesTable;
  memberships: MembershipsTable;
  instance_providers: InstanceProvidersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  rate_limits: RateLimitsTable;
  meta: MetaTable;
  skills: SkillsTable;
  tasks: TasksTable;
  comments: CommentsTable;
  log_items: LogItemsTable;
  saved_filters: SavedFiltersTable;
  contacts: ContactsTable;
  agent_statuses: AgentStatusesTable;
  call_history: CallHistoryTable;
  attachments: AttachmentsTable;
  sync_changes: SyncChangesTable;
  sync_clients: SyncClientsTable;
  sync_results: SyncResultsTable;
  queue_numbers: QueueNumbersTable;
  acd_calls: AcdCallsTable;
  custom_statuses: CustomStatusesTable;
}
