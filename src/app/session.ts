// The signed-in state of this tab: one signal every screen reads, changed only by these actions.
import { createSignal, untrack } from 'solid-js';
import { api, type ApiError, type ApiResult } from '../api';
import type { Me } from '../domain';

export type Session =
  | { status: 'loading' }
  /** The server could not be reached, so we do not know yet (issue 4 keeps working offline). */
  | { status: 'unreachable' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; me: Me };

const [session, setSessionSignal] = createSignal<Session>({ status: 'loading' });
export { session };

// The last answer of /api/me, so the shell opens offline from the service worker's cache.
// It holds who and where (never a password, token or SIP credential); sign-out and 401 drop it.
const rememberedMeKey = 'sb.me';

function setSession(value: Session): void {
  try {
    if (value.status === 'signed-in')
      localStorage.setItem(rememberedMeKey, JSON.stringify(value.me));
    if (value.status === 'signed-out') localStorage.removeItem(rememberedMeKey);
  } catch {
    // Storage blocked: we only lose the offline start.
  }
  setSessionSignal(value);
}

function rememberedMe(): Me | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(rememberedMeKey) ?? 'null') as Me | null;
    return parsed && typeof parsed === 'object' && 'user' in parsed ? parsed : null;
  } catch {
    return null;
  }
}

export function currentMe(): Me | null {
  const s = session();
  return s.status === 'signed-in' ? s.me : null;
}

// Any 401, from any call, means the cookie is gone.
function endSession(): void {
  const wasSignedIn = untrack(session).status === 'signed-in';
  setSession({ status: 'signed-out', expired: wasSignedIn });
}
api.onUnauthenticated(endSession);

let retryWhenOnline: (() => void) | null = null;

/**
 * Asks the server who we are. Offline, the remembered answer opens the shell; either way we ask
 * again once back online.
 */
export async function loadSession(): Promise<void> {
  const result = await api.me();
  if (result.ok) {
    setSession({ status: 'signed-in', me: result.value });
  } else if (result.error.code === 'network') {
    const remembered = rememberedMe();
    setSession(remembered ? { status: 'signed-in', me: remembered } : { status: 'unreachable' });
    if (!retryWhenOnline) {
      retryWhenOnline = () => {
        window.removeEventListener('online', onOnline);
        retryWhenOnline = null;
        void loadSession();
      };
      const onOnline = () => retryWhenOnline?.();
      window.addEventListener('online', onOnline);
    }
  } else if (result.error.status !== 401) {
    // A 500 at start-up: treat like unreachable rather than pretending the user signed out.
    setSession({ status: 'unreachable' });
  }
  // A 401 has already signed us out through onUnauthenticated.
}

function adopt(result: ApiResult<Me>): ApiResult<Me> {
  if (result.ok) setSession({ status: 'signed-in', me: result.value });
  return result;
}

export async function signIn(email: string, password: string): Promise<ApiResult<Me>> {
  return adopt(await api.signIn(email, password));
}

export async function switchInstance(instanceId: string): Promise<ApiResult<Me>> {
  return adopt(await api.switchInstance(instanceId));
}

/**
 * Asks /api/me again after something it answers changed (the instance's settings): screens that
 * read the settings follow. A failure keeps the session as it is rather than signing out.
 */
export async function refreshMe(): Promise<ApiResult<Me>> {
  return adopt(await api.me());
}

export function acceptedInvitation(me: Me): void {
  setSession({ status: 'signed-in', me });
}

export async function signOut(): Promise<ApiError | null> {
  const result = await api.signOut();
  if (!result.ok && result.error.status !== 401) return result.error;
  sessionStorage.clear();
  setSession({ status: 'signed-out', expired: false });
  return null;
}
