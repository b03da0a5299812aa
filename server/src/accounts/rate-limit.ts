import type { AppContext } from '../context.js';
import { clearRateWindow, hitRateWindow, refundRateWindow } from '../db/index.js';
import { AppError } from '../http/errors.js';
import { hashToken } from './tokens.js';

// Failed sign-ins are counted in the database (several nodes share it), per account and per
// client address. The address limit is higher: offices share one address.
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const SIGN_IN_FAILURES_PER_ACCOUNT = 5;
export const SIGN_IN_FAILURES_PER_ADDRESS = 20;

export interface SignInKeys {
  account: string;
  address: string;
}

export function signInKeys(email: string, address: string): SignInKeys {
  // The email is hashed so the table holds no addresses of people who never had an account.
  return { account: `signin:account:${hashToken(email)}`, address: `signin:address:${address}` };
}

/**
 * Counts this attempt against both keys BEFORE the password is checked, in one statement per
 * key, so a burst of parallel guesses cannot all pass a read-then-write check. Throws 429
 * rate_limited when either counter is over its limit.
 */
export async function claimSignInAttempt(ctx: AppContext, keys: SignInKeys): Promise<void> {
  const now = ctx.clock();
  const cutoff = new Date(now.getTime() - SIGN_IN_WINDOW_MS).toISOString();
  const hits = [
    {
      window: await hitRateWindow(ctx.db, keys.account, now.toISOString(), cutoff),
      limit: SIGN_IN_FAILURES_PER_ACCOUNT,
    },
    {
      window: await hitRateWindow(ctx.db, keys.address, now.toISOString(), cutoff),
      limit: SIGN_IN_FAILURES_PER_ADDRESS,
    },
  ];
  const waits = hits
    .filter((h) => h.window.count > h.limit)
    .map((h) => (Date.parse(h.window.windowStart) + SIGN_IN_WINDOW_MS - now.getTime()) / 1000);
  if (waits.length > 0) {
    throw new AppError(
      'rate_limited',
      'Too many failed sign-in attempts. Try again later.',
      Math.max(...waits),
    );
  }
}

/** A successful sign-in clears the account's counter and gives its hit back to the address. */
export async function recordSignInSuccess(ctx: AppContext, keys: SignInKeys): Promise<void> {
  await clearRateWindow(ctx.db, keys.account);
  await refundRateWindow(ctx.db, keys.address);
}

export async function clearAccountFailures(ctx: AppContext, email: string): Promise<void> {
  await clearRateWindow(ctx.db, signInKeys(email, '').account);
}
