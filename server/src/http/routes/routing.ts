import { Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { playNext } from '../../routing/play.js';
import { requireInstance } from '../auth.js';
import { errorResponses } from '../schemas.js';
import type { App } from '../types.js';

// Play (issue 6): the task comes to the PWA through sync like any other change; the answer only
// says which one to open.
export function routingRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/routing/next',
    {
      schema: {
        summary: 'Play: assign the next task this agent may take, highest priority then oldest',
        response: {
          200: Type.Object({
            taskId: Type.Union([Type.String(), Type.Null()], {
              description: 'The task now assigned to the agent, or null when none is waiting',
            }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { auth, instance } = await requireInstance(ctx, request, reply);
      const actor = { instanceId: instance.instanceId, userId: auth.user.id, role: instance.role };
      return { taskId: await playNext(ctx, actor) };
    },
  );
}
