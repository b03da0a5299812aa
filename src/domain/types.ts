// The JSON shapes the PWA and the server agree on (docs/contract.md).

export const roles = ['agent', 'team_leader', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  serviceProvider: boolean;
}

export interface Membership {
  instanceId: string;
  instanceName: string;
  role: Role;
  extension: string | null;
}

export interface CurrentInstance {
  id: string;
  name: string;
  role: Role;
  /** The instance's task settings (issue 5); absent from servers before it. */
  settings?: {
    outcomeTagRequired: boolean;
    offerTtlSeconds: number;
    /** Issue 6; absent from servers before it. */
    pushRouting?: boolean;
    wrapUpSeconds?: number;
    reservationSeconds?: number;
    capacity?: { call: number; email: number; chat: number; manual: number };
  };
}

export interface Me {
  user: User;
  memberships: Membership[];
  /** null until the user picks one, when they belong to more than one instance. */
  currentInstance: CurrentInstance | null;
  /** The instance picked last time: the picker preselects it. */
  lastInstanceId: string | null;
}

export const taskTypes = ['call', 'email', 'chat', 'manual'] as const;
export type TaskType = (typeof taskTypes)[number];

export const taskStatuses = ['open', 'pending', 'resolved'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** Every priority a task can have, 5 the most urgent (the server refuses any other). */
export const taskPriorities = [1, 2, 3, 4, 5] as const;

export interface TaskSummary {
  id: string;
  type: TaskType;
  channel: string;
  title: string;
  customerName: string;
  status: TaskStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  priority: number;
  skills: string[];
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  extension: string | null;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
}

export interface InvitationPreview {
  email: string;
  instanceName: string;
  role: Role;
  hasAccount: boolean;
}

export interface Health {
  ok: true;
  version: string;
  build: string;
}

/** GET /api/sip/credentials: time-limited SIP credentials (docs/contract.md, Phone). */
export interface SipCredentials {
  sipUser: string;
  extension: string;
  dialPrefix: string;
  displayName: string;
  domain: string;
  uri: string;
  authorizationUser: string;
  password: string;
  expiresAt: string;
  wsUrl: string;
  iceServers: { urls: string[]; username?: string; credential?: string }[];
}
