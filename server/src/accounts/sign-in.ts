import type { AppContext } from '../context.js';
import { findUserByEmail, type UserRow } from '../db/index.js';
import { AppError } from '../http/errors.js';
import { initialInstance } from './me.js';
import { claimSignInAttempt, recordSignInSuccess, signInKeys } from './rate-limit.js';
import { startSession } from './sessions.js';
import { normalizeEmail } from './tokens.js';

export interface SignedIn {
  user: UserRow;
  token: string;
  currentInstanceId: string | null;
}

export async function signIn(
  ctx: AppContext,
  input: { email: string; password: string; address: string },
): Promise<SignedIn> {
  const email = normalizeEmail(input.email);
  const keys = signInKeys(email, input.address);
  await claimSignInAttempt(ctx, keys);
  const user = await findUserByEmail(ctx.db, email);
  const ok = await ctx.passwords.check(input.password, user?.password_hash);
  if (!user || !ok) {
    // Same answer for an unknown email and a wrong password: no account enumeration.
    throw new AppError('invalid_credentials', 'The email or password is not correct.');
  }
  await recordSignInSuccess(ctx, keys);
  const currentInstanceId = await initialInstance(ctx.db, user.id);
  const token = await startSession(ctx, user.id, currentInstanceId);
  return { user, token, currentInstanceId };
}
