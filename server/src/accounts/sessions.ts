import type { AppContext } from '../context.js';
import {
  deleteSession,
  findLiveSession,
  findUserById,
  insertSession,
  touchSession,
  type SessionRow,
  type UserRow,
} from '../db/index.js';
import { hashToken, newToken } from './tokens.js';

export const SESSION_COOKIE = 'sb_session';
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** Sliding expiry is written at most this often, so reads do not turn into writes. */
export const SESSION_TOUCH_MS = 10 * 60 * 1000;

export interface Authenticated {
  tokenHash: string;
  session: SessionRow;
  user: UserRow;
  /** Set when the expiry moved, so the cookie is sent again with the new lifetime. */
  renewed: boolean;
}

export async function startSession(
  ctx: AppContext,
  userId: string,
  currentInstanceId: string | null,
): Promise<string> {
  const token = newToken();
  const now = ctx.clock();
  await insertSession(ctx.db, {
    token_hash: hashToken(token),
    user_id: userId,
    current_instance_id: currentInstanceId,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
  });
  return token;
}

export async function authenticate(
  ctx: AppContext,
  token: string | undefined,
): Promise<Authenticated | undefined> {
  if (!token || token.length > 100) return undefined;
  const now = ctx.clock();
  const tokenHash = hashToken(token);
  const session = await findLiveSession(ctx.db, tokenHash, now.toISOString());
  if (!session) return undefined;
  const user = await findUserById(ctx.db, session.user_id);
  if (!user) return undefined;
  const renewed = now.getTime() - Date.parse(session.last_seen_at) >= SESSION_TOUCH_MS;
  if (renewed) {
    const expires = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
    await touchSession(ctx.db, tokenHash, now.toISOString(), expires);
    session.last_seen_at = now.toISOString();
    session.expires_at = expires;
  }
  return { tokenHash, session, user, renewed };
}

export async function endSession(ctx: AppContext, token: string | undefined): Promise<void> {
  if (token) await deleteSession(ctx.db, hashToken(token));
}
