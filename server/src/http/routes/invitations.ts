import { Type } from '@fastify/type-provider-typebox';
import {
  acceptInvitation,
  createInvitation,
  describeInvitation,
} from '../../accounts/invitations.js';
import { buildMe } from '../../accounts/me.js';
import { endSession } from '../../accounts/sessions.js';
import type { AppContext } from '../../context.js';
import { optionalUser, requireInstance, sessionToken, setSessionCookie } from '../auth.js';
import { AppError } from '../errors.js';
import {
  EmailSchema,
  errorResponses,
  MeSchema,
  PasswordSchema,
  RoleSchema,
  TokenSchema,
} from '../schemas.js';
import type { App } from '../types.js';

export function invitationRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/invitations',
    {
      schema: {
        summary: 'Invite someone to the current instance (admins)',
        body: Type.Object(
          {
            email: EmailSchema,
            role: RoleSchema,
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String(),
            email: Type.String(),
            role: RoleSchema,
            expiresAt: Type.String(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { auth, instance } = await requireInstance(ctx, request, reply);
      if (instance.role !== 'admin') {
        throw new AppError('forbidden', 'Only admins of this instance can invite.');
      }
      const created = await createInvitation(ctx, {
        instanceId: instance.instanceId,
        instanceName: instance.instanceName,
        inviter: { id: auth.user.id, name: auth.user.name },
        ...request.body,
      });
      return reply.code(201).send(created);
    },
  );

  const TokenParams = Type.Object({ token: TokenSchema });

  app.get(
    '/api/invitations/:token',
    {
      schema: {
        summary: 'What an invitation link offers',
        params: TokenParams,
        response: {
          200: Type.Object({
            email: Type.String(),
            instanceName: Type.String(),
            role: RoleSchema,
            hasAccount: Type.Boolean(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => describeInvitation(ctx, request.params.token),
  );

  app.post(
    '/api/invitations/:token/accept',
    {
      schema: {
        summary: 'Accept an invitation: new accounts set name and password',
        params: TokenParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            password: Type.Optional(PasswordSchema),
          },
          { additionalProperties: false },
        ),
        response: { 200: MeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const signedIn = await optionalUser(ctx, request, reply);
      const accepted = await acceptInvitation(ctx, {
        token: request.params.token,
        signedInUser: signedIn?.user,
        name: request.body.name,
        password: request.body.password,
      });
      await endSession(ctx, sessionToken(request));
      setSessionCookie(request, reply, accepted.token);
      return buildMe(ctx.db, accepted.user, accepted.instanceId);
    },
  );
}
