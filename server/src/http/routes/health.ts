import { Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import type { App } from '../types.js';

export function healthRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Liveness and the running version',
        response: {
          200: Type.Object({
            ok: Type.Literal(true),
            version: Type.String(),
            build: Type.String(),
          }),
        },
      },
    },
    async () => ({ ok: true as const, version: ctx.config.appVersion, build: ctx.config.build }),
  );
}
