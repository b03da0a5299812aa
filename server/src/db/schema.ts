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
}

export interface MembershipsTable {
  instance_id: string;
  user_id: string;
  role: Role;
  extension: string | null;
  created_at: string;
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
}
