import { Type } from '@fastify/type-provider-typebox';
import { buildMe } from '../../accounts/me.js';
import { endSession } from '../../accounts/sessions.js';
import { signIn } from '../../accounts/sign-in.js';
import type { AppContext } from '../../context.js';
import { findAccess, setLastInstance, setSessionInstance } from '../../db/index.js';
import { clearSessionCookie, requireUser, sessionToken, setSessionCookie } from '../auth.js';
import { AppError } from '../errors.js';
import { EmailSchema, errorResponses, NoBody, MeSchema } from '../schemas.js';
import type { App } from '../types.js';

export function sessionRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/session',
    {
      schema: {
        summary: 'Sign in with email and password',
        body: Type.Object(
          { email: EmailSchema, password: Type.String({ minLength: 1, maxLength: 256 }) },
          { additionalProperties: false },
        ),
        response: { 200: MeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { user, token, currentInstanceId } = await signIn(ctx, {
        ...request.body,
        address: request.ip,
      });
      // A fresh token on every sign-in; the old session (if any) ends, so no fixation.
      await endSession(ctx, sessionToken(request));
      setSessionCookie(request, reply, token);
      return buildMe(ctx.db, user, currentInstanceId);
    },
  );

  app.delete(
    '/api/session',
    {
      schema: {
        summary: 'Sign out',
        response: { 204: NoBody, ...errorResponses },
      },
    },
    async (request, reply) => {
      await endSession(ctx, sessionToken(request));
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      schema: {
        summary: 'The signed-in user, their memberships and the current instance',
        response: { 200: MeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = await requireUser(ctx, request, reply);
      return buildMe(ctx.db, auth.user, auth.session.current_instance_id);
    },
  );

  app.post(
    '/api/session/instance',
    {
      schema: {
        summary: 'Switch the current instance',
        body: Type.Object(
          { instanceId: Type.String({ minLength: 1, maxLength: 100 }) },
          { additionalProperties: false },
        ),
        response: { 200: MeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const auth = await requireUser(ctx, request, reply);
      const access = await findAccess(ctx.db, auth.user.id, request.body.instanceId);
      if (!access) throw new AppError('not_found', 'No such instance.');
      await setSessionInstance(ctx.db, auth.tokenHash, access.instanceId);
      await setLastInstance(ctx.db, auth.user.id, access.instanceId);
      return buildMe(
        ctx.db,
        { ...auth.user, last_instance_id: access.instanceId },
        access.instanceId,
      );
    },
  );
}
