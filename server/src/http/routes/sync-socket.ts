import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { findTask } from '../../db/index.js';
import type { Actor } from '../../sync/index.js';
import { PresenceHub } from '../../sync/presence.js';
import { requireInstance } from '../auth.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../schemas.js';
import { UuidSchema } from './sync-schemas.js';
import type { App } from '../types.js';

/** Whether a browser's Origin is ours: a foreign page must not hold a socket in our name. */
function originAllowed(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const ownScheme = request.protocol === 'https' ? 'https' : 'http';
  return origin === new URL(publicUrl).origin || origin === `${ownScheme}://${request.host}`;
}

/** Before a socket's upgrade: our Origin only, a session in an instance; who it is. */
async function socketActor(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Actor> {
  if (!originAllowed(request, ctx.config.publicUrl)) {
    throw new AppError('csrf_rejected', 'Cross-site WebSocket rejected: the Origin is foreign.');
  }
  const { auth, instance } = await requireInstance(ctx, request, reply);
  return { instanceId: instance.instanceId, userId: auth.user.id, role: instance.role };
}

/** A plain GET of a socket route (no upgrade). */
async function websocketOnly(): Promise<never> {
  throw new AppError(
    'bad_request',
    'This endpoint speaks WebSocket only: open it with new WebSocket().',
  );
}

/**
 * GET /api/sync/socket: a WebSocket that says {"type":"poke"} when a committed change concerns
 * the user; the client pulls then. Signed in by the session cookie, checked before the upgrade.
 */
export function syncSocketRoutes(app: App, ctx: AppContext): void {
  presenceSocketRoutes(app, ctx);
  const actors = new WeakMap<FastifyRequest, Actor>();
  app.route({
    method: 'GET',
    url: '/api/sync/socket',
    schema: {
      summary: 'WebSocket: {"type":"poke"} when something that concerns the user changed',
      response: errorResponses,
    },
    preValidation: async (request, reply) => {
      actors.set(request, await socketActor(ctx, request, reply));
    },
    handler: websocketOnly,
    wsHandler: (socket, request) => {
      const actor = actors.get(request);
      if (!actor) {
        socket.close(1008, 'Sign in first.');
        return;
      }
      // The client sends nothing that matters; a message handler keeps the stream flowing.
      socket.on('message', () => undefined);
      ctx.sockets.register(actor.instanceId, actor.userId, socket);
    },
  });
}

/**
 * GET /api/presence/socket?task=<id>: held open while a task page is, it tells who has that task
 * open ({"type":"presence","taskId","userIds"}) whenever someone comes or goes (issue 5).
 */
export function presenceSocketRoutes(app: App, ctx: AppContext): void {
  const hub = new PresenceHub();
  const rooms = new WeakMap<FastifyRequest, Actor & { taskId: string }>();
  app.route({
    method: 'GET',
    url: '/api/presence/socket',
    schema: {
      summary: 'WebSocket: who else has this task open, {"type":"presence","taskId","userIds"}',
      querystring: Type.Object(
        { task: UuidSchema, instance: Type.Optional(Type.String({ maxLength: 100 })) },
        { additionalProperties: false },
      ),
      response: errorResponses,
    },
    preValidation: async (request, reply) => {
      const actor = await socketActor(ctx, request, reply);
      const taskId = (request.query as { task?: string }).task ?? '';
      // A task of another instance is no room to listen in.
      if (!(await findTask(ctx.db, actor.instanceId, taskId))) {
        throw new AppError('not_found', 'No such task in this instance.');
      }
      rooms.set(request, { ...actor, taskId });
    },
    handler: websocketOnly,
    wsHandler: (socket, request) => {
      const room = rooms.get(request);
      if (!room) {
        socket.close(1008, 'Sign in first.');
        return;
      }
      socket.on('message', () => undefined);
      hub.join(room.instanceId, room.taskId, room.userId, socket);
    },
  });
}
