import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isApiPath } from './api-paths.js';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes raw bytes of any type (attachments); the Origin check still applies. */
    rawBody?: boolean;
    /**
     * Called by a machine (Kamailio) with a shared secret, never by a browser with our cookie: no
     * Origin rule (the route refuses requests that carry one) and its own body type.
     */
    machine?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (
    (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined
  );
}

function isJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * State-changing API requests must come from our own pages: an Origin equal to the public origin
 * or the request's own origin (or, without Origin, Sec-Fetch-Site: same-origin), and a JSON body,
 * which a cross-site form cannot send without a CORS preflight. Routes marked `rawBody` (uploads
 * by PUT, which no form can send either) take any body type once the Origin check has passed.
 */
export function registerCsrfGuard(app: FastifyInstance, publicUrl: string): void {
  const publicOrigin = new URL(publicUrl).origin;
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method) || !isApiPath(request.url)) return;
    if (request.routeOptions.config.machine === true) return;
    const origin = request.headers.origin;
    const sameSite = request.headers['sec-fetch-site'] === 'same-origin';
    const ownOrigin = `${request.protocol}://${request.host}`;
    const originOk =
      origin === undefined ? sameSite : origin === publicOrigin || origin === ownOrigin;
    if (!originOk) {
      throw new AppError(
        'csrf_rejected',
        'Cross-site request rejected: the Origin is missing or foreign.',
      );
    }
    if (hasBody(request) && !isJson(request) && request.routeOptions.config.rawBody !== true) {
      throw new AppError('csrf_rejected', 'Request bodies must be sent as application/json.');
    }
  });
}
