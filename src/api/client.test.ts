import { describe, expect, it, vi } from 'vitest';
import { createApiClient, type FetchLike } from './client';
import { ApiError, parseRetryAfter } from './errors';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function clientAnswering(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const fetch = vi.fn<FetchLike>(async (url, init) => answer(url, init));
  return { fetch, api: createApiClient({ fetch, now: () => Date.parse('2025-01-01T00:00:00Z') }) };
}

const me = {
  user: { id: 'u1', email: 'alice@demo.test', name: 'Alice', serviceProvider: false },
  memberships: [{ instanceId: 'i1', instanceName: 'Demo', role: 'agent', extension: '1001' }],
  currentInstance: { id: 'i1', name: 'Demo', role: 'agent' },
};

describe('api client requests', () => {
  it('sends JSON bodies with the content type, same-origin credentials and the method', async () => {
    const { api, fetch } = clientAnswering(() => json(200, me));
    const result = await api.signIn('alice@demo.test', 'demo-password');
    expect(result).toEqual({ ok: true, value: me });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/session');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.headers).toMatchObject({ 'Content-Type': 'application/json' });
    expect(JSON.parse(String(init?.body))).toEqual({
      email: 'alice@demo.test',
      password: 'demo-password',
    });
  });

  it('sends no body and no content type on GET', async () => {
    const { api, fetch } = clientAnswering(() => json(200, { tasks: [] }));
    await api.tasks(200);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('/api/tasks?limit=200');
    expect(init?.body).toBeUndefined();
    expect(init?.headers).not.toHaveProperty('Content-Type');
  });

  it('takes an empty 202 as success without a value', async () => {
    const { api } = clientAnswering(() => new Response(null, { status: 202 }));
    expect(await api.requestPasswordReset('bob@demo.test')).toEqual({ ok: true, value: undefined });
  });

  it('encodes tokens into the path', async () => {
    const { api, fetch } = clientAnswering(() => new Response(null, { status: 204 }));
    const result = await api.resetPassword('a/b?c', 'long-enough-password');
    expect(result).toEqual({ ok: true, value: undefined });
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/password-reset/a%2Fb%3Fc');
  });

  it("PUTs a member's skills and PATCHes only the settings given", async () => {
    const { api, fetch } = clientAnswering(() => json(200, { skills: ['french'] }));
    expect(await api.setMemberSkills('u/2', ['french'])).toEqual({
      ok: true,
      value: { skills: ['french'] },
    });
    await api.updateInstanceSettings({ wrapUpSeconds: 30 });
    const [[putUrl, put], [patchUrl, patch]] = fetch.mock.calls as [
      [string, RequestInit],
      [string, RequestInit],
    ];
    expect([putUrl, put.method, JSON.parse(String(put.body))]).toEqual([
      '/api/members/u%2F2/skills',
      'PUT',
      { skills: ['french'] },
    ]);
    expect([patchUrl, patch.method, JSON.parse(String(patch.body))]).toEqual([
      '/api/instance/settings',
      'PATCH',
      { wrapUpSeconds: 30 },
    ]);
  });
});

describe('api client error mapping', () => {
  it('maps the error JSON to an ApiError with code, status and message', async () => {
    const { api } = clientAnswering(() =>
      json(401, { error: { code: 'invalid_credentials', message: 'Wrong email or password.' } }),
    );
    const result = await api.signIn('a@b.test', 'nope-nope-nope');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ApiError);
    expect(result.error).toMatchObject({
      code: 'invalid_credentials',
      status: 401,
      message: 'Wrong email or password.',
      retryAfter: null,
    });
  });

  it('reads Retry-After on 429', async () => {
    const { api } = clientAnswering(() =>
      json(
        429,
        { error: { code: 'rate_limited', message: 'Slow down.' } },
        { 'Retry-After': '30' },
      ),
    );
    const result = await api.signIn('a@b.test', 'whatever-whatever');
    expect(!result.ok && result.error.code).toBe('rate_limited');
    expect(!result.ok && result.error.retryAfter).toBe(30);
  });

  it('calls a thrown fetch a network error', async () => {
    const { api } = clientAnswering(() => Promise.reject(new TypeError('Failed to fetch')));
    const result = await api.me();
    expect(!result.ok && result.error).toMatchObject({ code: 'network', status: 0 });
  });

  it('calls an unknown code or a non-JSON error body unexpected, keeping the status', async () => {
    const { api } = clientAnswering(
      () => new Response('<html>Bad gateway</html>', { status: 502 }),
    );
    const result = await api.me();
    expect(!result.ok && result.error).toMatchObject({ code: 'unexpected', status: 502 });

    const weird = clientAnswering(() => json(418, { error: { code: 'teapot', message: 'No.' } }));
    const second = await weird.api.me();
    expect(!second.ok && second.error).toMatchObject({ code: 'unexpected', message: 'No.' });
  });

  it('calls a 2xx answer that is not JSON unexpected', async () => {
    const { api } = clientAnswering(() => new Response('not json', { status: 200 }));
    const result = await api.health();
    expect(!result.ok && result.error.code).toBe('unexpected');
  });

  it('tells listeners about every 401, and only 401', async () => {
    let status = 401;
    const { api } = clientAnswering(() =>
      json(status, { error: { code: 'unauthenticated', message: 'Sign in.' } }),
    );
    const listener = vi.fn();
    const stop = api.onUnauthenticated(listener);
    await api.tasks();
    expect(listener).toHaveBeenCalledTimes(1);
    status = 403;
    await api.members();
    expect(listener).toHaveBeenCalledTimes(1);
    status = 401;
    stop();
    await api.me();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
