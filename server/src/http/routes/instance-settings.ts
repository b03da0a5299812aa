import { Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { findInstanceSettings, updateInstanceSettings } from '../../db/index.js';
import { requireInstance } from '../auth.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../schemas.js';
import type { App } from '../types.js';

// The task settings of the current instance (issue 5): admins change them; the PWA reads them
// from /api/me. Offers wait from one minute to a day; wrap-up lasts up to an hour (0: none);
// a reservation from the router waits 10 s to an hour for the agent to accept; an agent holds 1
// to 50 tasks of each channel at once (all four given together).
const SettingsSchema = Type.Object({
  outcomeTagRequired: Type.Boolean(),
  offerTtlSeconds: Type.Integer({ minimum: 60, maximum: 86_400 }),
  pushRouting: Type.Boolean(),
  wrapUpSeconds: Type.Integer({ minimum: 0, maximum: 3_600 }),
  reservationSeconds: Type.Integer({ minimum: 10, maximum: 3_600 }),
  capacity: Type.Object(
    {
      call: Type.Integer({ minimum: 1, maximum: 50 }),
      email: Type.Integer({ minimum: 1, maximum: 50 }),
      chat: Type.Integer({ minimum: 1, maximum: 50 }),
      manual: Type.Integer({ minimum: 1, maximum: 50 }),
    },
    { additionalProperties: false },
  ),
});

export function instanceSettingsRoutes(app: App, ctx: AppContext): void {
  app.patch(
    '/api/instance/settings',
    {
      schema: {
        summary: 'Change the task settings of the current instance (admins)',
        body: Type.Partial(SettingsSchema, { additionalProperties: false }),
        response: { 200: SettingsSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { instance } = await requireInstance(ctx, request, reply);
      if (instance.role !== 'admin') {
        throw new AppError('forbidden', 'Only admins of this instance can change its settings.');
      }
      await updateInstanceSettings(ctx.db, instance.instanceId, request.body);
      const settings = await findInstanceSettings(ctx.db, instance.instanceId);
      if (!settings) throw new AppError('not_found', 'This instance no longer exists.');
      return settings;
    },
  );
}
