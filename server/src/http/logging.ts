import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from '../config.js';

// Secret tokens travel in a few paths (emailed links); logs get a masked copy of the URL.
const TOKEN_PATHS = /(\/(?:api\/)?(?:invitations|password-reset|invite|reset)\/)([^/?#]+)/g;

export function maskUrl(url: string): string {
  return url.replace(TOKEN_PATHS, (_match, prefix: string) => `${prefix}[token]`);
}

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
  headers?: Record<string, unknown>;
}

export function loggerOptions(level: LogLevel): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        'body.password',
        '*.password',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: LoggedRequest) {
        return {
          method: request.method,
          url: maskUrl(request.url ?? ''),
          remoteAddress: request.ip,
        };
      },
    },
  };
}
