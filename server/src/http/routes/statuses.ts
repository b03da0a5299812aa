import { Type } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../context.js';
import {
  createCustomStatus,
  editCustomStatus,
  orderCustomStatuses,
  removeCustomStatus,
} from '../../routing/custom-status-admin.js';
import { requireInstance } from '../auth.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../schemas.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../types.js';
import { SyncStatusDefinitionSchema } from './sync-schemas.js';

// Custom agent statuses (issue 6): admins of the current instance add, change and delete them;
// every member's device gets them by sync (`statusDefinition` changes), so this answers only the
// status written. The shape is checked here; the values (names, colour, channels, limit) by
// routing/custom-statuses.ts, whose sentences come back as 400 bad_request.
const FieldsSchema = Type.Object({
  label: Type.String({ maxLength: 200 }),
  colour: Type.String({ maxLength: 20 }),
  receivesWork: Type.Boolean(),
  channels: Type.Union([Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 }), Type.Null()]),
  timeLimitSeconds: Type.Union([Type.Integer(), Type.Null()]),
});
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

async function requireAdmin(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const { instance } = await requireInstance(ctx, request, reply);
  if (instance.role !== 'admin') {
    throw new AppError('forbidden', 'Only admins of this instance can change its statuses.');
  }
  return instance.instanceId;
}

export function statusRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/instance/statuses',
    {
      schema: {
        summary: 'Add a custom agent status to the current instance (admins)',
        body: Type.Object(
          {
            ...FieldsSchema.properties,
            channels: Type.Optional(FieldsSchema.properties.channels),
            timeLimitSeconds: Type.Optional(FieldsSchema.properties.timeLimitSeconds),
          },
          { additionalProperties: false },
        ),
        response: { 201: SyncStatusDefinitionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const instanceId = await requireAdmin(ctx, request, reply);
      const { channels = null, timeLimitSeconds = null, ...rest } = request.body;
      const created = await createCustomStatus(ctx, instanceId, {
        ...rest,
        channels,
        timeLimitSeconds,
      });
      return reply.code(201).send(created);
    },
  );

  app.put(
    '/api/instance/statuses/order',
    {
      schema: {
        summary: 'Put the custom agent statuses of the current instance in this order (admins)',
        body: Type.Object(
          { ids: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ statuses: Type.Array(SyncStatusDefinitionSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const instanceId = await requireAdmin(ctx, request, reply);
      return { statuses: await orderCustomStatuses(ctx, instanceId, request.body.ids) };
    },
  );

  app.patch(
    '/api/instance/statuses/:id',
    {
      schema: {
        summary: 'Change a custom agent status of the current instance (admins)',
        params: Params,
        body: Type.Partial(FieldsSchema, { additionalProperties: false }),
        response: { 200: SyncStatusDefinitionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const instanceId = await requireAdmin(ctx, request, reply);
      return editCustomStatus(ctx, instanceId, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/instance/statuses/:id',
    {
      schema: {
        summary: 'Delete a custom agent status; agents in it move to Offline (admins)',
        params: Params,
        response: {
          200: Type.Object({
            movedToOffline: Type.Integer({ description: 'Agents who were in it, now Offline' }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const instanceId = await requireAdmin(ctx, request, reply);
      return removeCustomStatus(ctx, instanceId, request.params.id);
    },
  );
}
