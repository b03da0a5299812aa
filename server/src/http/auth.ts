import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  authenticate,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  type Authenticated,
} from '../accounts/sessions.js';
import type { AppContext } from '../context.js';
import { findAccess, type InstanceAccess } from '../db/index.js';
import { AppError } from './errors.js';

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: request.protocol === 'https',
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: request.protocol === 'https',
  });
}

export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}

/** The signed-in user, or undefined; renews the cookie when the sliding expiry moved. */
export async function optionalUser(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Authenticated | undefined> {
  const token = sessionToken(request);
  const auth = await authenticate(ctx, token);
  if (auth?.renewed && token) setSessionCookie(request, reply, token);
  return auth;
}

export async function requireUser(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Authenticated> {
  const auth = await optionalUser(ctx, request, reply);
  if (!auth) throw new AppError('unauthenticated', 'Sign in first.');
  return auth;
}

export interface InInstance {
  auth: Authenticated;
  instance: InstanceAccess;
}

/** The signed-in user inside their current instance; every tenant read is scoped by it. */
/** The instance a request says it is meant for: the header, or `?instance=` on the WebSocket. */
export const instanceHeader = 'x-switchboard-instance';

function expectedInstance(request: FastifyRequest): string | undefined {
  const header = request.headers[instanceHeader];
  if (typeof header === 'string' && header !== '') return header;
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.['instance'];
  return typeof fromQuery === 'string' && fromQuery !== '' ? fromQuery : undefined;
}

export async function requireInstance(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<InInstance> {
  const auth = await requireUser(ctx, request, reply);
  const instanceId = auth.session.current_instance_id;
  const instance = instanceId ? await findAccess(ctx.db, auth.user.id, instanceId) : undefined;
  if (!instance) {
    throw new AppError('conflict', 'Choose an instance first (POST /api/session/instance).');
  }
  // The session's instance is shared by every tab of the browser. A tab (or the service worker,
  // flushing a database of one instance) names the instance it means; if the session has moved
  // on, nothing it sends may land in, or be read from, the other one.
  const expected = expectedInstance(request);
  if (expected !== undefined && expected !== instance.instanceId) {
    throw new AppError(
      'instance_changed',
      'This session is now in another instance (switched in another tab). Reload to continue.',
    );
  }
  return { auth, instance };
}
