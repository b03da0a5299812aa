import { Type } from '@fastify/type-provider-typebox';
import { completePasswordReset, requestPasswordReset } from '../../accounts/password-reset.js';
import type { AppContext } from '../../context.js';
import { EmailSchema, errorResponses, NoBody, PasswordSchema, TokenSchema } from '../schemas.js';
import type { App } from '../types.js';

export function passwordResetRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/password-reset',
    {
      schema: {
        summary: 'Email a reset link (always 202: no account enumeration)',
        body: Type.Object({ email: EmailSchema }, { additionalProperties: false }),
        response: { 202: NoBody, ...errorResponses },
      },
    },
    async (request, reply) => {
      const mail = await requestPasswordReset(ctx, request.body.email);
      if (mail) {
        // Not awaited: the answer takes as long whether or not the account exists.
        ctx.mailer.send(mail).catch((err: unknown) => {
          request.log.error({ err }, 'password reset email failed');
        });
      }
      return reply.code(202).send();
    },
  );

  app.post(
    '/api/password-reset/:token',
    {
      schema: {
        summary: 'Set a new password with an emailed token; ends every session',
        params: Type.Object({ token: TokenSchema }),
        body: Type.Object({ password: PasswordSchema }, { additionalProperties: false }),
        response: { 204: NoBody, ...errorResponses },
      },
    },
    async (request, reply) => {
      await completePasswordReset(ctx, request.params.token, request.body.password);
      return reply.code(204).send();
    },
  );
}
