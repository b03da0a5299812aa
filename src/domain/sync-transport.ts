// What the local store needs from the server, as an interface of ours: src/store/ talks to it
// without importing src/api/, and unit tests answer with a fake (STYLE.md habit 2).
import type { AttachmentRef, Change, PullResponse, PushRequest, PushResponse } from './sync';

/**
 * Why a call failed. `network`: no answer (offline, timeout); `unauthenticated`: 401, sign in
 * again; `gap`: 409 with `expectedSeq`; `too_large`: 413; `server`: 5xx, try later;
 * `rejected_request`: any other 4xx, which retrying cannot fix; `instance_changed`: the
 * session moved to another instance (in another tab), so this database must not sync now.
 */
export const transportFailureKinds = [
  'network',
  'unauthenticated',
  'gap',
  'too_large',
  'server',
  'rejected_request',
  'instance_changed',
] as const;
export type TransportFailureKind = (typeof transportFailureKinds)[number];

export interface TransportFailure {
  ok: false;
  kind: TransportFailureKind;
  /** HTTP status, 0 when the server was not reached. */
  status: number;
  message: string;
  /** On `gap`: the seq the server expects next. */
  expectedSeq?: number;
}

export type TransportResult<T> = { ok: true; value: T } | TransportFailure;

export interface PokeHandlers {
  /** The server says something changed: pull. */
  onPoke(): void;
  /** The socket (re)connected: pull too, pokes may have been missed while it was down. */
  onOpen(): void;
}

export interface SyncTransport {
  push(request: PushRequest): Promise<TransportResult<PushResponse>>;
  /** `null` starts the bootstrap. */
  pull(cursor: string | null): Promise<TransportResult<PullResponse>>;
  /** One task's comments and log, fetched when the task is opened. */
  taskItems(taskId: string): Promise<TransportResult<{ changes: Change[] }>>;
  /** Idempotent: the same id uploaded twice is stored once. */
  uploadAttachment(
    ref: AttachmentRef,
    blob: Blob,
    taskId: string,
  ): Promise<TransportResult<AttachmentRef>>;
  /** Keeps a poke socket open (reconnecting) until the returned function is called. */
  connectPokes(handlers: PokeHandlers): () => void;
}
