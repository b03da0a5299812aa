import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../sync/index.js';
import { requireInstance } from '../auth.js';
import { AppError } from '../errors.js';
import { errorResponses } from '../schemas.js';
import type { App } from '../types.js';

/** Whether a browser's Origin is ours: a foreign page must not hold a socket in our name. */
function originAllowed(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const ownScheme = request.protocol === 'https' ? 'https' : 'http';
  return origin === new URL(publicUrl).origin || origin === `${ownScheme}://${request.host}`;
}

/**
 * GET /api/sync/socket: a WebSocket that says {"type":"poke"} when a committed change concerns
 * the user; the client pulls then. Signed in by the session cookie, checked before the upgrade.
 */
export function syncSocketRoutes(app: App, ctx: AppContext): void {
  const actors = new WeakMap<FastifyRequest, Actor>();
  app.route({
    method: 'GET',
    url: '/api/sync/socket',
    schema: {
      summary: 'WebSocket: {"type":"poke"} when something that concerns the user changed',
      response: errorResponses,
    },
    preValidation: async (request, reply) => {
      if (!originAllowed(request, ctx.config.publicUrl)) {
        throw new AppError(
          'csrf_rejected',
          'Cross-site WebSocket rejected: the Origin is foreign.',
        );
      }
      const { auth, instance } = await requireInstance(ctx, request, reply);
      actors.set(request, {
        instanceId: instance.instanceId,
        userId: auth.user.id,
        role: instance.role,
      });
    },
    handler: async () => {
      throw new AppError(
        'bad_request',
        'This endpoint speaks WebSocket only: open it with new WebSocket().',
      );
    },
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
