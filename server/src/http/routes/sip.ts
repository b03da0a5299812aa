import { Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { findSipPrefix } from '../../db/index.js';
import { makeSipCredentials, sipWsUrl } from '../../sip/credentials.js';
import { requireInstance } from '../auth.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../schemas.js';
import type { App } from '../types.js';

const SipCredentialsSchema = Type.Object({
  sipUser: Type.String(),
  extension: Type.String(),
  dialPrefix: Type.String(),
  displayName: Type.String(),
  domain: Type.String(),
  uri: Type.String(),
  authorizationUser: Type.String(),
  password: Type.String(),
  expiresAt: Type.String(),
  wsUrl: Type.String(),
  iceServers: Type.Array(
    Type.Object({
      urls: Type.Array(Type.String()),
      username: Type.Optional(Type.String()),
      credential: Type.Optional(Type.String()),
    }),
  ),
});

export function sipRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/sip/credentials',
    {
      schema: {
        summary: 'Time-limited SIP credentials of the signed-in agent in the current instance',
        response: { 200: SipCredentialsSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { auth, instance } = await requireInstance(ctx, request, reply);
      const secret = ctx.config.sipSecret;
      if (secret === null) {
        throw new AppError('unavailable', 'The phone is not configured on this server.');
      }
      const sipPrefix = await findSipPrefix(ctx.db, instance.instanceId);
      if (!instance.extension || !sipPrefix) {
        throw new AppError('forbidden', 'You have no extension in this instance.');
      }
      const { config } = ctx;
      const credentials = makeSipCredentials({
        secret,
        sipPrefix,
        extension: instance.extension,
        displayName: auth.user.name,
        domain: config.sipDomain,
        wsUrl: sipWsUrl(config.publicUrl, config.sipDomain, config.sipWsPort),
        now: ctx.clock(),
        ttlSeconds: config.sipCredentialTtl,
      });
      // coturn's REST-API credentials have auth_ephemeral's very format, with the same secret:
      // the SIP username and password log in to TURN as well, and expire with them.
      if (config.turnUrls.length > 0) {
        credentials.iceServers = [
          {
            urls: [...config.turnUrls],
            username: credentials.authorizationUser,
            credential: credentials.password,
          },
        ];
      }
      return credentials;
    },
  );
}
