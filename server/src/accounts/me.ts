import {
  findInstanceSettings,
  listAccess,
  type Db,
  type InstanceSettings,
  type Role,
} from '../db/index.js';

export interface Me {
  user: { id: string; email: string; name: string; serviceProvider: boolean };
  memberships: { instanceId: string; instanceName: string; role: Role; extension: string | null }[];
  currentInstance: { id: string; name: string; role: Role; settings?: InstanceSettings } | null;
  lastInstanceId: string | null;
}

export interface MeUser {
  id: string;
  email: string;
  name: string;
  service_provider: number;
  last_instance_id: string | null;
}

export async function buildMe(db: Db, user: MeUser, currentInstanceId: string | null): Promise<Me> {
  const memberships = await listAccess(db, user.id);
  const current = currentInstanceId
    ? memberships.find((m) => m.instanceId === currentInstanceId)
    : undefined;
  const last = memberships.some((m) => m.instanceId === user.last_instance_id)
    ? user.last_instance_id
    : null;
  const settings = current ? await findInstanceSettings(db, current.instanceId) : undefined;
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      serviceProvider: user.service_provider === 1,
    },
    memberships,
    currentInstance: current
      ? { id: current.instanceId, name: current.instanceName, role: current.role, settings }
      : null,
    lastInstanceId: last,
  };
}

/** The instance a fresh session starts in: the only one, else none until the user picks. */
export async function initialInstance(db: Db, userId: string): Promise<string | null> {
  const access = await listAccess(db, userId);
  return access.length === 1 ? (access[0]?.instanceId ?? null) : null;
}
