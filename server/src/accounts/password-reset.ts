import type { AppContext } from '../context.js';
import {
  consumePasswordReset,
  hitRateWindow,
  deleteUserSessions,
  findUserByEmail,
  findUserById,
  insertPasswordReset,
  retireUserPasswordResets,
  setPasswordHash,
  withTransaction,
} from '../db/index.js';
import { AppError } from '../http/errors.js';
import { passwordResetMail } from '../mail/messages.js';
import { clearAccountFailures } from './rate-limit.js';
import { hashToken, newToken, normalizeEmail } from './tokens.js';

export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
/** Reset mails per account per hour; more requests still answer 202 but send nothing. */
export const PASSWORD_RESETS_PER_HOUR = 5;

/**
 * Creates a reset token and returns the mail to send, or undefined for an unknown email. The
 * caller answers 202 either way and sends the mail without making the answer wait for it.
 */
export async function requestPasswordReset(ctx: AppContext, rawEmail: string) {
  const user = await findUserByEmail(ctx.db, normalizeEmail(rawEmail));
  if (!user) return undefined;
  const now = ctx.clock();
  // Keeps the form from being used to flood someone's inbox.
  const key = `reset:account:${user.id}`;
  const cutoff = new Date(now.getTime() - 60 * 60 * 1000).toISOString();
  const window = await hitRateWindow(ctx.db, key, now.toISOString(), cutoff);
  if (window.count > PASSWORD_RESETS_PER_HOUR) return undefined;
  const token = newToken();
  await insertPasswordReset(ctx.db, {
    token_hash: hashToken(token),
    user_id: user.id,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + PASSWORD_RESET_TTL_MS).toISOString(),
    used_at: null,
  });
  return passwordResetMail({ to: user.email, link: `${ctx.config.publicUrl}/reset/${token}` });
}

/** Sets the new password, uses up the token and every other one, and ends every session. */
export async function completePasswordReset(
  ctx: AppContext,
  token: string,
  password: string,
): Promise<void> {
  const hash = await ctx.passwords.hash(password);
  const now = ctx.clock().toISOString();
  const userId = await withTransaction(ctx.db, async (tx) => {
    const id = await consumePasswordReset(tx, hashToken(token), now);
    if (!id)
      throw new AppError('not_found', 'This reset link is unknown, already used or expired.');
    await setPasswordHash(tx, id, hash, now);
    await retireUserPasswordResets(tx, id, now);
    await deleteUserSessions(tx, id);
    return id;
  });
  const user = await findUserById(ctx.db, userId);
  if (user) await clearAccountFailures(ctx, user.email);
}
