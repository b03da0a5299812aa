// The only place that talks HTTP to our server. Every call resolves to an ApiResult: expected
// failures (401, 404, 429, offline) are values the screens show, never exceptions.
import type {
  Health,
  InstanceSettings,
  Invitation,
  InvitationPreview,
  Me,
  Member,
  QueueNumber,
  Role,
  SipCredentials,
  SyncStatusDefinition,
  TaskSummary,
} from '../domain';
import { ApiError, isServerErrorCode, parseRetryAfter, type ApiResult } from './errors';
import { instanceHeader } from './instance-header';
import { noteServerDate } from './server-clock';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Injected so unit tests can answer without a server. */
  fetch: FetchLike;
  /** Prefix for every path; '' for the page's own origin. */
  baseUrl?: string;
  now?: () => number;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A custom status as an admin saves it (docs/contract.md, "Custom agent statuses"). */
export interface CustomStatusInput {
  label: string;
  colour: string;
  receivesWork: boolean;
  channels: SyncStatusDefinition['channels'];
  timeLimitSeconds: number | null;
}

export interface InviteInput {
  email: string;
  role: Role;
  name?: string;
}

export type AcceptInvitationInput = { name: string; password: string } | Record<string, never>;

export function createApiClient(options: ApiClientOptions) {
  const baseUrl = options.baseUrl ?? '';
  const now = options.now ?? Date.now;
  const unauthenticatedListeners = new Set<() => void>();

  async function request<T>(
    method: Method,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
    const init: RequestInit = { method, credentials: 'same-origin', headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }

    let response: Response;
    const sentAt = Date.now();
    try {
      response = await options.fetch(baseUrl + path, init);
    } catch {
      return failure(new ApiError('network', 0, 'The server could not be reached.'));
    }
    noteServerDate(response, sentAt, Date.now());

    if (response.ok) {
      // 202 and 204 answers carry no body.
      try {
        const text = await response.text();
        return { ok: true, value: (text === '' ? undefined : JSON.parse(text)) as T };
      } catch {
        return failure(new ApiError('unexpected', response.status, 'The answer was not JSON.'));
      }
    }

    const error = await toApiError(response);
    if (response.status === 401) {
      for (const listener of unauthenticatedListeners) listener();
    }
    return failure(error);
  }

  async function toApiError(response: Response): Promise<ApiError> {
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'), now());
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch {
      parsed = undefined;
    }
    const error = (parsed as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = isServerErrorCode(error?.code) ? error.code : 'unexpected';
    const message = typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`;
    return new ApiError(code, response.status, message, retryAfter);
  }

  const enc = encodeURIComponent;

  return {
    /** Called on every 401, whichever call got it: the session is gone. */
    onUnauthenticated(listener: () => void): () => void {
      unauthenticatedListeners.add(listener);
      return () => unauthenticatedListeners.delete(listener);
    },

    health: () => request<Health>('GET', '/api/health'),

    signIn: (email: string, password: string) =>
      request<Me>('POST', '/api/session', { email, password }),
    signOut: () => request<undefined>('DELETE', '/api/session'),
    me: () => request<Me>('GET', '/api/me'),
    switchInstance: (instanceId: string) =>
      request<Me>('POST', '/api/session/instance', { instanceId }),

    tasks: (limit = 200) => request<{ tasks: TaskSummary[] }>('GET', `/api/tasks?limit=${limit}`),
    task: (id: string) => request<TaskSummary>('GET', `/api/tasks/${enc(id)}`),

    members: () => request<{ members: Member[] }>('GET', '/api/members'),
    invite: (input: InviteInput) => request<Invitation>('POST', '/api/invitations', input),
    invitation: (token: string) =>
      request<InvitationPreview>('GET', `/api/invitations/${enc(token)}`),
    acceptInvitation: (token: string, input: AcceptInvitationInput) =>
      request<Me>('POST', `/api/invitations/${enc(token)}/accept`, input),

    /** The instance's skills catalogue (admins pick from it). */
    skills: () => request<{ skills: string[] }>('GET', '/api/skills'),
    /** Admins: replaces a member's skills; answers them as stored (the catalogue's spelling). */
    setMemberSkills: (userId: string, skills: readonly string[]) =>
      request<{ skills: string[] }>('PUT', `/api/members/${enc(userId)}/skills`, { skills }),
    /** Admins: adds a custom agent status; every device gets it by sync too. */
    createStatus: (input: CustomStatusInput) =>
      request<SyncStatusDefinition>('POST', '/api/instance/statuses', input),
    /** Admins: changes the given fields of a custom status; its key stays. */
    updateStatus: (id: string, patch: Partial<CustomStatusInput>) =>
      request<SyncStatusDefinition>('PATCH', `/api/instance/statuses/${enc(id)}`, patch),
    /** Admins: puts the custom statuses in this order (every id once). */
    orderStatuses: (ids: readonly string[]) =>
      request<{ statuses: SyncStatusDefinition[] }>('PUT', '/api/instance/statuses/order', {
        ids,
      }),
    /** Admins: deletes a custom status; the agents in it are moved to Offline. */
    deleteStatus: (id: string) =>
      request<{ movedToOffline: number }>('DELETE', `/api/instance/statuses/${enc(id)}`),
    /** Admins: the queue numbers callers dial (inbound calls). */
    listQueues: () => request<{ queues: QueueNumber[] }>('GET', '/api/queues'),
    /** Admins: creates the queue number or changes it; 409 when another instance has it. */
    saveQueue: ({ number, ...fields }: QueueNumber) =>
      request<QueueNumber>('PUT', `/api/queues/${enc(number)}`, fields),
    /** Admins: changes the given settings of the current instance; answers all of them. */
    updateInstanceSettings: (patch: Partial<InstanceSettings>) =>
      request<InstanceSettings>('PATCH', '/api/instance/settings', patch),

    /** Play: assigns the next task; names the instance so a switch in another tab cannot mix. */
    playNext: (instanceId: string) =>
      request<{ taskId: string | null }>('POST', '/api/routing/next', undefined, {
        [instanceHeader]: instanceId,
      }),

    /** Never stored by the caller: the softphone keeps them in memory and asks again at 80 %. */
    sipCredentials: () => request<SipCredentials>('GET', '/api/sip/credentials'),

    requestPasswordReset: (email: string) =>
      request<undefined>('POST', '/api/password-reset', { email }),
    resetPassword: (token: string, password: string) =>
      request<undefined>('POST', `/api/password-reset/${enc(token)}`, { password }),
  };

  function failure(error: ApiError): ApiResult<never> {
    return { ok: false, error };
  }
}

export type ApiClient = ReturnType<typeof createApiClient>;
