import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ORIGIN, type TestApp } from '../test-support/test-app.js';

// How the API treats malformed, oversized and cross-site requests.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

const json = { 'content-type': 'application/json', origin: TEST_ORIGIN };

describe('request validation', () => {
  it('malformed JSON is 400 bad_request', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: json,
      payload: '{"email": "alice@demo.test", ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: { code: 'bad_request', message: 'The request body is not valid JSON.' },
    });
  });

  it('an unknown field is 400 naming the field', async () => {
    const response = await t.client().post('/api/session', {
      email: 'alice@demo.test',
      password: 'demo-password',
      admin: true,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      code: 'bad_request',
      message: 'body has an unknown field "admin".',
    });
  });

  it('a missing field is 400 naming the field', async () => {
    const response = await t.client().post('/api/session', { email: 'alice@demo.test' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('body is missing the required field "password".');
  });

  it('a wrong type is 400 naming the field', async () => {
    const response = await t
      .client()
      .post('/api/session', { email: 42, password: 'demo-password' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/^body\.email must be string/);
  });

  it('a malformed email is 400 in words, not a regular expression', async () => {
    const response = await t.client().post('/api/session', { email: 'nope', password: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('body.email is not an email address.');
  });

  it('a query parameter out of range is 400', async () => {
    const client = t.client();
    await client.signIn('alice@demo.test');
    const response = await client.get('/api/tasks?limit=100000');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('querystring.limit');
  });

  it('a body over the limit is 413 payload_too_large', async () => {
    const response = await t.client().post('/api/session', {
      email: 'alice@demo.test',
      password: 'x'.repeat(300 * 1024),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('unknown /api routes are 404 JSON, and every /api answer is no-store', async () => {
    const response = await t.client().get('/api/nope');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect(response.headers['cache-control']).toBe('no-store');
    expect((await t.client().get('/api/health')).headers['cache-control']).toBe('no-store');
    expect((await t.client().post('/api/session', {})).headers['cache-control']).toBe('no-store');
  });
});

describe('CSRF guard', () => {
  const body = JSON.stringify({ email: 'alice@demo.test', password: 'demo-password' });

  it('rejects a POST without Origin or Sec-Fetch-Site', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_rejected');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('rejects a foreign Origin even with Sec-Fetch-Site same-origin', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { ...json, origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' },
      payload: body,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_rejected');
  });

  it('rejects a DELETE from a foreign Origin, keeping the session', async () => {
    const client = t.client();
    await client.signIn('alice@demo.test');
    const response = await client.delete('/api/session', { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
    expect((await client.get('/api/me')).statusCode).toBe(200);
  });

  it('rejects a form-encoded body even from our Origin', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/password-reset',
      headers: { origin: TEST_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=alice%40demo.test',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_rejected');
  });

  it('accepts Sec-Fetch-Site: same-origin without Origin, and the request host origin', async () => {
    const sameSite = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      payload: body,
    });
    expect(sameSite.statusCode).toBe(200);
    const ownHost = await t.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: {
        'content-type': 'application/json',
        host: 'switchboard.local:9000',
        origin: 'http://switchboard.local:9000',
      },
      payload: body,
    });
    expect(ownHost.statusCode).toBe(200);
  });

  it('GET requests need no Origin', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, version: '0.0.0-test', build: 'test' });
  });
});

/** Every `METHOD /api/path` in the endpoint tables of docs/contract.md, as OpenAPI names them. */
function contractEndpoints(): string[] {
  const page = readFileSync(new URL('../../../docs/contract.md', import.meta.url), 'utf8');
  const rows = [...page.matchAll(/^\| `(GET|POST|PUT|DELETE|PATCH) (\/api\/[^`?\s]*)[^`]*`/gm)];
  return rows.map(([, method, path]) => `${method} ${path?.replace(/:(\w+)/g, '{$1}')}`).sort();
}

describe('GET /api/openapi.json', () => {
  it('describes exactly the endpoints of docs/contract.md', async () => {
    const response = await t.client().get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(contractEndpoints());
  });
});
