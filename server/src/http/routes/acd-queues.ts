import { Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import { listQueueNumbers, saveQueueNumber, type QueueNumber } from '../../db/acd.js';
import { requireInstance } from '../auth.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../schemas.js';
import type { App } from '../types.js';

// Queue numbers of the current instance (ACD): what a caller dials on the trunk, the skills and
// priority its call tasks get, and how long each agent rings (the call's reservation timeout, per
// queue: a sales line may ring longer than support). Admins only: the Admin page's Queue
// numbers section (src/app/admin/QueueNumbers.tsx).

const Skill = Type.String({ minLength: 1, maxLength: 40, pattern: '^[^,]+$' });
const QueueFields = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    skills: Type.Array(Skill, { maxItems: 30 }),
    priority: Type.Integer({ minimum: 1, maximum: 5 }),
    ringSeconds: Type.Integer({ minimum: 5, maximum: 300 }),
  },
  { additionalProperties: false },
);
const QueueSchema = Type.Object({ number: Type.String(), ...QueueFields.properties });

const shown = (q: QueueNumber) => ({
  number: q.number,
  name: q.name,
  skills: q.skills,
  priority: q.priority,
  ringSeconds: q.ringSeconds,
});

export function acdQueueRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/queues',
    {
      schema: {
        summary: 'The queue numbers of the current instance (admins)',
        response: { 200: Type.Object({ queues: Type.Array(QueueSchema) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { instance } = await requireInstance(ctx, request, reply);
      if (instance.role !== 'admin') {
        throw new AppError('forbidden', 'Only admins of this instance see its queue numbers.');
      }
      return { queues: (await listQueueNumbers(ctx.db, instance.instanceId)).map(shown) };
    },
  );

  app.put(
    '/api/queues/:number',
    {
      schema: {
        summary: 'Create or change a queue number of the current instance (admins)',
        params: Type.Object({ number: Type.String({ pattern: '^[0-9+*#]{1,32}$' }) }),
        body: QueueFields,
        response: { 200: QueueSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { instance } = await requireInstance(ctx, request, reply);
      if (instance.role !== 'admin') {
        throw new AppError('forbidden', 'Only admins of this instance change its queue numbers.');
      }
      const skills = [...new Set(request.body.skills.map((s) => s.trim()).filter(Boolean))];
      const queue = {
        ...request.body,
        skills,
        number: request.params.number,
        instanceId: instance.instanceId,
      };
      if (!(await saveQueueNumber(ctx.db, queue, ctx.clock().toISOString()))) {
        throw new AppError('conflict', 'Another instance has this number.');
      }
      return shown(queue);
    },
  );
}
