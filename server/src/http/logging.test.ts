import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions, maskUrl } from './logging.js';

describe('logging', () => {
  it('masks secret tokens in URLs', () => {
    expect(maskUrl('/api/invitations/abc_DEF-123/accept')).toBe('/api/invitations/[token]/accept');
    expect(maskUrl('/api/password-reset/abcdef')).toBe('/api/password-reset/[token]');
    expect(maskUrl('/invite/abcdef?x=1')).toBe('/invite/[token]?x=1');
    expect(maskUrl('/reset/abcdef')).toBe('/reset/[token]');
    expect(maskUrl('/api/password-reset')).toBe('/api/password-reset');
    expect(maskUrl('/api/tasks/123')).toBe('/api/tasks/123');
  });

  it('request logs carry neither tokens nor cookies', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const options = loggerOptions('info');
    const app = Fastify({ logger: { ...(options as object), stream } });
    app.get('/invite/:token', async () => 'ok');
    await app.inject({
      url: '/invite/SECRET-TOKEN',
      headers: { cookie: 'sb_session=SECRET-COOKIE' },
    });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/invite/[token]');
    expect(log).not.toContain('SECRET-TOKEN');
    expect(log).not.toContain('SECRET-COOKIE');
  });
});
