import zlib from 'node:zlib';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Compile } from 'typebox/compile';
import type { AppContext } from '../../context.js';
import { loadTaskDetail } from '../../db/index.js';
import {
  mutationNames,
  pull,
  push,
  type Actor,
  type IncomingMutation,
  type MutationName,
  type PullResponse,
} from '../../sync/index.js';
import { requireInstance } from '../auth.js';
import { AppError, describeValidation } from '../errors.js';
import { errorResponses } from '../schemas.js';
import type { App } from '../types.js';
import {
  ChangeSchema,
  mutationArgsSchemas,
  PullQuerySchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
} from './sync-schemas.js';

/**
 * Pull pages are big JSON (a 10k-task bootstrap is 12 MB): brotli quality 3 takes about 70 ms of
 * the server's CPU for them where the app's quality 5 takes 180 ms, for 1.0 MB instead of 0.8.
 */
const pullCompression = {
  brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 3 } },
};

/** A push of 500 mutations with long comments is larger than the API's usual 256 KiB. */
const PUSH_BODY_LIMIT = 2 * 1024 * 1024;

const argsCheckers = Object.fromEntries(
  mutationNames.map((name) => [name, Compile(mutationArgsSchemas[name])]),
) as { [N in MutationName]: ReturnType<typeof Compile> };

/** The mutation with its args checked against its name's shape; 400 naming the field if not. */
function checkArgs(
  mutation: { id: string; seq: number; name: MutationName; args: unknown; createdAt: string },
  index: number,
): IncomingMutation {
  const checker = argsCheckers[mutation.name];
  if (!checker.Check(mutation.args)) {
    const issues = checker.Errors(mutation.args) as unknown as Parameters<
      typeof describeValidation
    >[1];
    throw new AppError('bad_request', describeValidation(`body.mutations.${index}.args`, issues));
  }
  return mutation as IncomingMutation;
}

async function actorOf(
  ctx: AppContext,
  request: FastifyRequest,
  reply: Parameters<typeof requireInstance>[2],
): Promise<Actor> {
  const { auth, instance } = await requireInstance(ctx, request, reply);
  return { instanceId: instance.instanceId, userId: auth.user.id, role: instance.role };
}

/**
 * Sends a body already shaped by the protocol's mappers (sync-schemas.ts checks their types against
 * the schemas at compile time) with JSON.stringify: the schema serializer tries each branch of the
 * 16-way Change union per change, which made a 2,000-change page four times slower.
 */
function sendSerialized(reply: FastifyReply, body: PullResponse): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body) as never);
}

export function syncRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/sync/push',
    {
      bodyLimit: PUSH_BODY_LIMIT,
      schema: {
        summary: "Apply a client's mutations in seq order, exactly once",
        body: PushRequestSchema,
        response: { 200: PushResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(ctx, request, reply);
      const mutations = request.body.mutations.map(checkArgs);
      const results = await push(
        { db: ctx.db, clock: ctx.clock, poker: ctx.poker },
        actor,
        request.body.clientId.toLowerCase(),
        mutations,
      );
      return { results };
    },
  );

  app.get(
    '/api/sync/pull',
    {
      compress: pullCompression,
      schema: {
        summary: 'Changes since the cursor the user may see; no cursor starts the bootstrap',
        querystring: PullQuerySchema,
        response: { 200: PullResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(ctx, request, reply);
      const page = await pull(ctx.db, actor, request.query.cursor, { now: ctx.clock() });
      return sendSerialized(reply, page);
    },
  );

  app.get(
    '/api/sync/tasks/:id',
    {
      schema: {
        summary: 'One task with its comments and log items, as changes',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 200: Type.Object({ changes: Type.Array(ChangeSchema) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(ctx, request, reply);
      const changes = await loadTaskDetail(ctx.db, actor.instanceId, request.params.id);
      if (!changes) throw new AppError('not_found', 'No such task.');
      return { changes };
    },
  );
}
