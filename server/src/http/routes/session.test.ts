import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SIGN_IN_FAILURES_PER_ACCOUNT,
  SIGN_IN_FAILURES_PER_ADDRESS,
  SIGN_IN_WINDOW_MS,
} from '../../accounts/rate-limit.js';
import { SESSION_TOUCH_MS } from '../../accounts/sessions.js';
import { createTestApp, type MeBody, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

describe('POST /api/session', () => {
  it('signs in, sets an HttpOnly SameSite=Lax cookie and answers Me', async () => {
    const client = t.client({ remoteAddress: '10.0.0.1' });
    const response = await client.post('/api/session', {
      email: 'alice@demo.test',
      password: 'demo-password',
    });
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^sb_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    const me = response.json<MeBody>();
    expect(me.user).toMatchObject({
      email: 'alice@demo.test',
      name: 'Alice Anders',
      serviceProvider: false,
    });
    expect(me.memberships).toEqual([
      expect.objectContaining({ instanceName: 'Demo', role: 'agent', extension: '1001' }),
    ]);
    expect(me.currentInstance).toMatchObject({ name: 'Demo', role: 'agent' });
  });

  it('accepts the email in any case and with spaces', async () => {
    const client = t.client({ remoteAddress: '10.0.0.2' });
    const me = await client.signIn('  Alice@Demo.TEST ');
    expect(me.user.email).toBe('alice@demo.test');
  });

  it('sets Secure on the cookie when the request came over https', async () => {
    const https = await createTestApp({ env: { TRUST_PROXY: '1' }, seed: true });
    try {
      const response = await https
        .client()
        .post(
          '/api/session',
          { email: 'bob@demo.test', password: 'demo-password' },
          { 'x-forwarded-proto': 'https', origin: 'https://localhost:80', host: 'localhost:80' },
        );
      expect(response.statusCode).toBe(200);
      expect(String(response.headers['set-cookie'])).toContain('Secure');
      expect(response.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await https.close();
    }
  });

  it('answers wrong password and unknown email identically with 401', async () => {
    const client = t.client({ remoteAddress: '10.0.0.3' });
    const wrong = await client.post('/api/session', {
      email: 'bob@demo.test',
      password: 'not-the-password',
    });
    const unknown = await client.post('/api/session', {
      email: 'nobody@demo.test',
      password: 'not-the-password',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.json()).toEqual({
      error: { code: 'invalid_credentials', message: expect.any(String) },
    });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    // The right password still works (and clears bob's failure count for the tests below).
    await client.signIn('bob@demo.test');
  });

  it('limits failures per account with 429 and Retry-After, across addresses', async () => {
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ACCOUNT; i++) {
      const r = await t.client({ remoteAddress: `10.1.0.${i}` }).post('/api/session', {
        email: 'bob@demo.test',
        password: 'wrong-password',
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await t.client({ remoteAddress: '10.1.1.1' }).post('/api/session', {
      email: 'bob@demo.test',
      password: 'demo-password',
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_WINDOW_MS / 1000);
    // Another account is not affected.
    await t.client({ remoteAddress: '10.1.1.2' }).signIn('carol@demo.test');
    // After the window, the right password works again and clears the counter.
    t.clock.advance(SIGN_IN_WINDOW_MS + 1000);
    await t.client({ remoteAddress: '10.1.1.3' }).signIn('bob@demo.test');
  });

  it('a burst of parallel guesses gets no more tries than the limit', async () => {
    const burst = await Promise.all(
      Array.from({ length: SIGN_IN_FAILURES_PER_ACCOUNT * 3 }, (_, i) =>
        t.client({ remoteAddress: `10.4.0.${i}` }).post('/api/session', {
          email: 'alice@demo.test',
          password: `guess-${i}`,
        }),
      ),
    );
    const checked = burst.filter((r) => r.statusCode === 401).length;
    const limited = burst.filter((r) => r.statusCode === 429).length;
    expect(checked).toBe(SIGN_IN_FAILURES_PER_ACCOUNT);
    expect(limited).toBe(SIGN_IN_FAILURES_PER_ACCOUNT * 2);
    t.clock.advance(SIGN_IN_WINDOW_MS + 1000);
  });

  it('a successful sign-in resets the account counter', async () => {
    const client = t.client({ remoteAddress: '10.2.0.1' });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < SIGN_IN_FAILURES_PER_ACCOUNT - 1; i++) {
        const r = await client.post('/api/session', {
          email: 'admin@demo.test',
          password: 'wrong-password',
        });
        expect(r.statusCode).toBe(401);
      }
      await client.signIn('admin@demo.test');
    }
  });

  it('limits failures per client address across accounts', async () => {
    const client = t.client({ remoteAddress: '10.3.0.1' });
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ADDRESS; i++) {
      const r = await client.post('/api/session', {
        email: `guess${i}@demo.test`,
        password: 'wrong-password',
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await client.post('/api/session', {
      email: 'alice@demo.test',
      password: 'demo-password',
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    // Other addresses still sign in.
    await t.client({ remoteAddress: '10.3.0.2' }).signIn('alice@demo.test');
  });
});

describe('DELETE /api/session and GET /api/me', () => {
  it('GET /api/me needs a session', async () => {
    const response = await t.client().get('/api/me');
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  it('signing out clears the cookie and ends the session on the server', async () => {
    const client = t.client({ remoteAddress: '10.4.0.1' });
    await client.signIn('alice@demo.test');
    const token = client.cookies.get('sb_session');
    expect((await client.get('/api/me')).statusCode).toBe(200);
    const out = await client.delete('/api/session');
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(
      /sb_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/,
    );
    // Replaying the old cookie does not work either.
    const replay = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: `sb_session=${token}` },
    });
    expect(replay.statusCode).toBe(401);
  });

  it('sessions slide: a request after the touch interval renews the cookie', async () => {
    const client = t.client({ remoteAddress: '10.4.0.2' });
    await client.signIn('alice@demo.test');
    const quiet = await client.get('/api/me');
    expect(quiet.headers['set-cookie']).toBeUndefined();
    t.clock.advance(SESSION_TOUCH_MS + 1);
    const renewed = await client.get('/api/me');
    expect(renewed.statusCode).toBe(200);
    expect(String(renewed.headers['set-cookie'])).toContain('sb_session=');
  });

  it('sessions expire after 14 days without use', async () => {
    const client = t.client({ remoteAddress: '10.4.0.3' });
    await client.signIn('alice@demo.test');
    t.clock.advance(15 * 24 * 60 * 60 * 1000);
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });
});

describe('POST /api/session/instance', () => {
  it('a member of two instances starts with none, switches, and the choice is remembered', async () => {
    const client = t.client({ remoteAddress: '10.5.0.1' });
    const me = await client.signIn('carol@demo.test');
    expect(me.currentInstance).toBeNull();
    expect(me.memberships.map((m) => m.instanceName)).toEqual(['Demo', 'Northwind']);
    expect((await client.get('/api/tasks')).json().error.code).toBe('conflict');
    const northwind = me.memberships.find((m) => m.instanceName === 'Northwind');
    const switched = await client.post('/api/session/instance', {
      instanceId: northwind?.instanceId,
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json<MeBody>().currentInstance).toMatchObject({
      name: 'Northwind',
      role: 'agent',
    });
    const again = await t.client({ remoteAddress: '10.5.0.2' }).signIn('carol@demo.test');
    expect(again.currentInstance).toBeNull();
    expect(again.lastInstanceId).toBe(northwind?.instanceId);
  });

  it('answers 404 for an instance the user is not a member of', async () => {
    const carol = await t.client({ remoteAddress: '10.5.0.3' }).signIn('carol@demo.test');
    const northwindId = carol.memberships.find((m) => m.instanceName === 'Northwind')?.instanceId;
    const alice = t.client({ remoteAddress: '10.5.0.4' });
    await alice.signIn('alice@demo.test');
    const response = await alice.post('/api/session/instance', { instanceId: northwindId });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    const unknown = await alice.post('/api/session/instance', { instanceId: 'no-such-instance' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toBe(response.body);
    expect((await alice.get('/api/me')).json<MeBody>().currentInstance?.name).toBe('Demo');
  });

  it('a service provider sees and enters every instance that lists them, as admin', async () => {
    const client = t.client({ remoteAddress: '10.5.0.5' });
    const me = await client.signIn('provider@demo.test');
    expect(me.user.serviceProvider).toBe(true);
    expect(me.memberships.map((m) => [m.instanceName, m.role])).toEqual([
      ['Demo', 'admin'],
      ['Northwind', 'admin'],
    ]);
    const northwind = me.memberships[1]?.instanceId;
    const switched = await client.post('/api/session/instance', { instanceId: northwind });
    expect(switched.json<MeBody>().currentInstance).toMatchObject({
      name: 'Northwind',
      role: 'admin',
    });
    const members = (await client.get('/api/members')).json<{ members: { email: string }[] }>();
    expect(members.members.map((m) => m.email)).toEqual(['carol@demo.test']);
  });
});
