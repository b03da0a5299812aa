import type { ChangeRecord, Db } from '../db/index.js';
import type { EntityRef, RejectReason, Role } from './protocol.js';

/** Who applies a mutation, where: the session's user in its current instance. */
export interface Actor {
  instanceId: string;
  userId: string;
  role: Role;
}

export interface ApplyContext {
  /** The mutation's transaction: every read and write of the applier goes through it. */
  tx: Db;
  actor: Actor;
  /** The server's time of this push, ISO. */
  now: string;
  newId(): string;
}

export type Outcome =
  | { status: 'ok'; changes: ChangeRecord[] }
  | { status: 'rejected'; reason: RejectReason; message: string; touched: EntityRef[] };

export const ok = (changes: ChangeRecord[] = []): Outcome => ({ status: 'ok', changes });

export const reject = (reason: RejectReason, message: string, touched: EntityRef[]): Outcome => ({
  status: 'rejected',
  reason,
  message,
  touched,
});

/** A change anyone in the instance may see. */
export const everyone = (kind: EntityRef['kind'], entityId: string): ChangeRecord => ({
  kind,
  entityId,
  audienceUserId: null,
});

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An ISO time as the server stores it, or undefined when the text is not a time. */
export function isoTime(text: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
