import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type MeBody, type TestApp } from '../../test-support/test-app.js';

const SECRET = 'test-sip-secret';

interface Credentials {
  sipUser: string;
  extension: string;
  dialPrefix: string;
  displayName: string;
  domain: string;
  uri: string;
  authorizationUser: string;
  password: string;
  expiresAt: string;
  wsUrl: string;
  iceServers: unknown[];
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    seed: true,
    env: { SIP_SECRET: SECRET, SIP_CREDENTIAL_TTL: '600', SIP_DOMAIN: 'sip.test' },
  });
});
afterAll(async () => {
  await t.close();
});

function instanceId(me: MeBody, name: string): string {
  const id = me.memberships.find((m) => m.instanceName === name)?.instanceId;
  if (!id) throw new Error(`no membership in ${name}`);
  return id;
}

describe('GET /api/sip/credentials', () => {
  it('gives ephemeral credentials whose password is the HMAC of the username', async () => {
    const alice = t.client();
    await alice.signIn('alice@demo.test');
    const response = await alice.get('/api/sip/credentials');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('no-store');
    const body = response.json<Credentials>();
    const expiry = Math.floor(t.clock.now().getTime() / 1000) + 600;
    expect(body).toEqual({
      sipUser: 'demo-1001',
      extension: '1001',
      dialPrefix: 'demo-',
      displayName: 'Alice Anders',
      domain: 'sip.test',
      uri: 'sip:demo-1001@sip.test',
      authorizationUser: `${expiry}:demo-1001`,
      password: createHmac('sha1', SECRET).update(`${expiry}:demo-1001`).digest('base64'),
      expiresAt: new Date(expiry * 1000).toISOString(),
      wsUrl: 'ws://sip.test:5066',
      iceServers: [],
    });
  });

  it('follows the injected clock', async () => {
    const bob = t.client();
    await bob.signIn('bob@demo.test');
    const first = (await bob.get('/api/sip/credentials')).json<Credentials>();
    t.clock.advance(120_000);
    const second = (await bob.get('/api/sip/credentials')).json<Credentials>();
    expect(Date.parse(second.expiresAt) - Date.parse(first.expiresAt)).toBe(120_000);
    expect(Date.parse(second.expiresAt)).toBe(
      Math.floor(t.clock.now().getTime() / 1000) * 1000 + 600_000,
    );
  });

  it('keeps tenants apart: carol is demo-1003 in Demo and northwind-2003 in Northwind', async () => {
    const carol = t.client();
    const me = await carol.signIn('carol@demo.test');
    await carol.post('/api/session/instance', { instanceId: instanceId(me, 'Demo') });
    const demo = (await carol.get('/api/sip/credentials')).json<Credentials>();
    expect(demo.sipUser).toBe('demo-1003');
    expect(demo.authorizationUser).toMatch(/^\d+:demo-1003$/);
    await carol.post('/api/session/instance', { instanceId: instanceId(me, 'Northwind') });
    const northwind = (await carol.get('/api/sip/credentials')).json<Credentials>();
    expect(northwind.sipUser).toBe('northwind-2003');
    expect(northwind.dialPrefix).toBe('northwind-');
    expect(northwind.authorizationUser).toMatch(/^\d+:northwind-2003$/);
  });

  it('answers 401 signed out, 409 before an instance is chosen, 403 without an extension', async () => {
    const anonymous = t.client();
    const signedOut = await anonymous.get('/api/sip/credentials');
    expect(signedOut.statusCode).toBe(401);
    expect(signedOut.json()).toMatchObject({ error: { code: 'unauthenticated' } });

    // Carol belongs to two instances, so a fresh session has none chosen.
    const carol = t.client();
    expect((await carol.signIn('carol@demo.test')).currentInstance).toBeNull();
    const noInstance = await carol.get('/api/sip/credentials');
    expect(noInstance.statusCode).toBe(409);
    expect(noInstance.json()).toMatchObject({ error: { code: 'conflict' } });

    const provider = t.client();
    const providerMe = await provider.signIn('provider@demo.test');
    const choose = await provider.post('/api/session/instance', {
      instanceId: instanceId(providerMe, 'Demo'),
    });
    expect(choose.statusCode).toBe(200);
    const forbidden = await provider.get('/api/sip/credentials');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toEqual({
      error: { code: 'forbidden', message: 'You have no extension in this instance.' },
    });
  });
});

describe('GET /api/sip/credentials without SIP_SECRET', () => {
  it('answers 503 unavailable', async () => {
    const bare = await createTestApp({ seed: true });
    try {
      const alice = bare.client();
      await alice.signIn('alice@demo.test');
      const response = await alice.get('/api/sip/credentials');
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: { code: 'unavailable' } });
    } finally {
      await bare.close();
    }
  });
});

describe('GET /api/sip/credentials with TURN', () => {
  it('hands out the TURN relays with the SIP username and password (coturn use-auth-secret)', async () => {
    const turned = await createTestApp({
      seed: true,
      env: {
        SIP_SECRET: SECRET,
        SIP_DOMAIN: 'sip.test',
        TURN_URLS: 'turn:turn.sip.test:3478?transport=udp, turns:turn.sip.test:5349',
      },
    });
    try {
      const alice = turned.client();
      await alice.signIn('alice@demo.test');
      const body = (await alice.get('/api/sip/credentials')).json<Credentials>();
      expect(body.iceServers).toEqual([
        {
          urls: ['turn:turn.sip.test:3478?transport=udp', 'turns:turn.sip.test:5349'],
          username: body.authorizationUser,
          credential: createHmac('sha1', SECRET).update(body.authorizationUser).digest('base64'),
        },
      ]);
    } finally {
      await turned.close();
    }
  });
});
