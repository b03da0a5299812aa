// Time-limited SIP credentials (Kamailio auth_ephemeral), held in memory only: fetched through an
// injected function, handed to the UA, and asked for again at 80 % of their lifetime.
import { renewalDelay, type SipCredentials } from '../domain';

export type CredentialsResult =
  { ok: true; value: SipCredentials } | { ok: false; status: number; code: string };

export interface CredentialRenewerOptions {
  fetchCredentials: () => Promise<CredentialsResult>;
  /** Called with every fresh set, the first one included. */
  onCredentials: (credentials: SipCredentials) => void;
  /** Called when a renewal fails; the renewer keeps retrying while the error is transient. */
  onError: (error: { status: number; code: string }) => void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface CredentialRenewer {
  /** Fetches the first set and schedules the renewals. */
  start(): Promise<CredentialsResult>;
  stop(): void;
}

// A failed renewal retries after 5 s, 10 s, 20 s … up to a minute; 4xx other than 429 stop it.
const retryDelays = [5_000, 10_000, 20_000, 40_000, 60_000];

export function createCredentialRenewer(options: CredentialRenewerOptions): CredentialRenewer {
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer =
    options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let stopped = false;
  let failures = 0;

  function schedule(ms: number): void {
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => {
      timer = null;
      void fetchOnce();
    }, ms);
  }

  async function fetchOnce(): Promise<CredentialsResult> {
    const issuedAt = now();
    const result = await options.fetchCredentials();
    if (stopped) return result;
    if (result.ok) {
      failures = 0;
      options.onCredentials(result.value);
      schedule(renewalDelay(issuedAt, Date.parse(result.value.expiresAt)));
    } else {
      options.onError({ status: result.status, code: result.code });
      const permanent = result.status >= 400 && result.status < 500 && result.status !== 429;
      if (!permanent) schedule(retryDelays[Math.min(failures, retryDelays.length - 1)] ?? 60_000);
      failures += 1;
    }
    return result;
  }

  return {
    start: () => {
      stopped = false;
      return fetchOnce();
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
