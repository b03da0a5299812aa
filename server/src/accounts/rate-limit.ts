import type { AppContext } from '../context.js';
import { clearRateWindow, hitRateWindow, readRateWindow } from '../db/index.js';
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

async function retryAfter(
  ctx: AppContext,
  key: string,
  limit: number,
  now: Date,
): Promise<number | undefined> {
  const cutoff = new Date(now.getTime() - SIGN_IN_WINDOW_MS).toISOString();
  const window = await readRateWindow(ctx.db, key, cutoff);
  if (!window || window.count < limit) return undefined;
  return (Date.parse(window.windowStart) + SIGN_IN_WINDOW_MS - now.getTime()) / 1000;
}

/** Throws 429 rate_limited when either counter is full. */
export async function assertSignInAllowed(ctx: AppContext, keys: SignInKeys): Promise<void> {
  const now = ctx.clock();
  const waits = [
    await retryAfter(ctx, keys.account, SIGN_IN_FAILURES_PER_ACCOUNT, now),
    await retryAfter(ctx, keys.address, SIGN_IN_FAILURES_PER_ADDRESS, now),
  ].filter((w): w is number => w !== undefined);
  if (waits.length > 0) {
    throw new AppError(
      'rate_limited',
      'Too many failed sign-in attempts. Try again later.',
      Math.max(...waits),
    );
  }
}

export async function recordSignInFailure(ctx: AppContext, keys: SignInKeys): Promise<void> {
  const now = ctx.clock();
  const cutoff = new Date(now.getTime() - SIGN_IN_WINDOW_MS).toISOString();
  await hitRateWindow(ctx.db, keys.account, now.toISOString(), cutoff);
  await hitRateWindow(ctx.db, keys.address, now.toISOString(), cutoff);
}

/** A successful sign-in clears the account's counter (not the address's). */
export async function recordSignInSuccess(ctx: AppContext, keys: SignInKeys): Promise<void> {
  await clearRateWindow(ctx.db, keys.account);
}

export async function clearAccountFailures(ctx: AppContext, email: string): Promise<void> {
  await clearRateWindow(ctx.db, signInKeys(email, '').account);
}
