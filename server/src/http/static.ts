import { existsSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const NO_CACHE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=3600';

// Files whose name stays the same across releases must be revalidated, or clients miss updates.
const ALWAYS_FRESH =
  /^(index\.html|sw\.js|manifest\.webmanifest|registerSW\.js|workbox-[\w-]+\.js)$/;

export function cacheControlFor(relativePath: string): string {
  const path = relativePath.split(sep).join('/');
  if (path.startsWith('assets/')) return IMMUTABLE;
  if (ALWAYS_FRESH.test(basename(path)) || path.endsWith('.html')) return NO_CACHE;
  return SHORT;
}

export interface StaticSite {
  /** Answers with index.html for a client-side route. */
  sendAppShell(reply: FastifyReply): FastifyReply;
}

/** Serves the built PWA from webRoot; undefined (nothing registered) when there is no build. */
export async function registerStatic(
  app: FastifyInstance,
  webRoot: string,
): Promise<StaticSite | undefined> {
  const root = resolve(webRoot);
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ webRoot: root }, 'no index.html in WEB_ROOT: the PWA is not served');
    return undefined;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    cacheControl: false,
    redirect: false,
    dotfiles: 'ignore',
    setHeaders(res, path) {
      res.setHeader('Cache-Control', cacheControlFor(relative(root, path)));
    },
  });
  return {
    sendAppShell(reply) {
      return reply.header('Cache-Control', NO_CACHE).sendFile('index.html');
    },
  };
}

export function wantsAppShell(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}
