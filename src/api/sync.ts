// The sync transport over HTTP and WebSocket (docs/contract.md, "Sync"). It answers the store's
// SyncTransport interface with results, never exceptions, and puts a deadline on every request
// so a server that hangs cannot stall the outbox forever.
import {
  backoffDelay,
  type AttachmentRef,
  type Change,
  type PokeHandlers,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SyncTransport,
  type TransportFailure,
  type TransportResult,
} from '../domain';
import type { FetchLike } from './client';
import { instanceHeader } from './instance-header';
import { noteServerDate } from './server-clock';

export interface SyncTransportOptions {
  /** Defaults to the global fetch, looked up on each call. */
  fetch?: FetchLike;
  /** Prefix for every path; '' for the page's (or service worker's) own origin. */
  baseUrl?: string;
  /** A request without an answer by then counts as a network failure. */
  timeoutMs?: number;
  /** Uploads get longer: 10 MiB over a slow uplink. */
  uploadTimeoutMs?: number;
  /** Opens the poke socket; defaults to the global WebSocket where there is one. */
  webSocket?: (url: string) => WebSocket;
  /** ws(s)://host of the poke socket; defaults to the current location's. */
  socketUrl?: () => string;
  random?: () => number;
  /**
   * The instance this transport's database belongs to: sent on every request (and the socket),
   * so the server refuses instead of mixing instances when the session moved to another one.
   */
  instanceId?: string;
}

type Method = 'GET' | 'POST' | 'PUT';

export function createSyncTransport(options: SyncTransportOptions = {}): SyncTransport {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const openSocket =
    options.webSocket ??
    (typeof WebSocket === 'undefined' ? undefined : (url: string) => new WebSocket(url));
  const baseUrl = options.baseUrl ?? '';
  const timeoutMs = options.timeoutMs ?? 20_000;
  const uploadTimeoutMs = options.uploadTimeoutMs ?? 120_000;
  const enc = encodeURIComponent;

  async function request<T>(
    method: Method,
    path: string,
    body: { json: unknown } | { blob: Blob } | null,
    deadlineMs: number,
  ): Promise<TransportResult<T>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.instanceId) headers[instanceHeader] = options.instanceId;
    const init: RequestInit = {
      method,
      credentials: 'same-origin',
      headers,
      signal: AbortSignal.timeout(deadlineMs),
    };
    if (body && 'json' in body) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body.json);
    } else if (body) {
      headers['Content-Type'] = body.blob.type || 'application/octet-stream';
      init.body = body.blob;
    }

    let response: Response;
    const sentAt = Date.now();
    try {
      response = await doFetch(baseUrl + path, init);
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      return failure(
        'network',
        0,
        timedOut ? 'The server did not answer in time.' : 'The server could not be reached.',
      );
    }
    noteServerDate(response, sentAt, Date.now());
    let parsed: unknown;
    try {
      const text = await response.text();
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
      if (response.ok) return failure('server', response.status, 'The answer was not JSON.');
    }
    if (response.ok) return { ok: true, value: parsed as T };
    return toFailure(response.status, parsed);
  }

  return {
    push: (req: PushRequest) =>
      request<PushResponse>('POST', '/api/sync/push', { json: req }, timeoutMs),
    pull: (cursor: string | null) =>
      request<PullResponse>(
        'GET',
        cursor === null ? '/api/sync/pull' : `/api/sync/pull?cursor=${enc(cursor)}`,
        null,
        timeoutMs,
      ),
    taskItems: (taskId: string) =>
      request<{ changes: Change[] }>('GET', `/api/sync/tasks/${enc(taskId)}`, null, timeoutMs),
    uploadAttachment: (ref: AttachmentRef, blob: Blob, taskId: string) =>
      request<AttachmentRef>(
        'PUT',
        `/api/attachments/${enc(ref.id)}?name=${enc(ref.name)}&taskId=${enc(taskId)}`,
        { blob },
        uploadTimeoutMs,
      ),
    connectPokes: (handlers: PokeHandlers) => {
      if (!openSocket) return () => {};
      const base = options.socketUrl ?? defaultSocketUrl;
      const instance = options.instanceId;
      return connectPokes(
        openSocket,
        instance ? () => `${base()}?instance=${enc(instance)}` : base,
        handlers,
        options.random,
      );
    },
  };
}

function failure(
  kind: TransportFailure['kind'],
  status: number,
  message: string,
): TransportFailure {
  return { ok: false, kind, status, message };
}

/** Maps an error answer once: the flusher decides on `kind`, the user reads `message`. */
export function toFailure(status: number, body: unknown): TransportFailure {
  const shaped = body as
    | {
        error?: { code?: unknown; message?: unknown; expectedSeq?: unknown };
        expectedSeq?: unknown;
      }
    | undefined;
  const message =
    typeof shaped?.error?.message === 'string' ? shaped.error.message : `HTTP ${status}`;
  const expectedSeq = shaped?.expectedSeq ?? shaped?.error?.expectedSeq;
  if (status === 401) return failure('unauthenticated', status, message);
  if (status === 409 && shaped?.error?.code === 'instance_changed') {
    return failure('instance_changed', status, message);
  }
  if (status === 409 && typeof expectedSeq === 'number') {
    return { ...failure('gap', status, message), expectedSeq };
  }
  if (status === 413) return failure('too_large', status, message);
  // 408 and 429 are "later", like 5xx.
  if (status >= 500 || status === 408 || status === 429) return failure('server', status, message);
  return failure('rejected_request', status, message);
}

function defaultSocketUrl(): string {
  const { protocol, host } = globalThis.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/api/sync/socket`;
}

/**
 * Keeps the poke socket open: reconnects with backoff and jitter after every close, and calls
 * `onOpen` on each (re)connect so the store pulls what it missed meanwhile.
 */
export function connectPokes(
  open: (url: string) => WebSocket,
  url: () => string,
  handlers: PokeHandlers,
  random: () => number = Math.random,
): () => void {
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let stopped = false;

  function connect(): void {
    if (stopped) return;
    let current: WebSocket;
    try {
      current = open(url());
    } catch {
      reconnectLater();
      return;
    }
    socket = current;
    current.onopen = () => {
      attempt = 0;
      handlers.onOpen();
    };
    current.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      try {
        if ((JSON.parse(event.data) as { type?: unknown }).type === 'poke') handlers.onPoke();
      } catch {
        // Not ours to understand: ignore.
      }
    };
    current.onclose = () => {
      if (socket === current) socket = null;
      reconnectLater();
    };
  }

  function reconnectLater(): void {
    if (stopped || timer !== null) return;
    timer = setTimeout(
      () => {
        timer = null;
        connect();
      },
      backoffDelay(attempt++, random),
    );
  }

  connect();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    socket?.close();
    socket = null;
  };
}
