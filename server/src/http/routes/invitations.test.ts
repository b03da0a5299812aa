import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVITATION_TTL_MS } from '../../accounts/invitations.js';
import { tokenFromMail } from '../../test-support/mailbox.js';
import { createTestApp, type MeBody, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

async function admin() {
  const client = t.client();
  await client.signIn('admin@demo.test');
  return client;
}

async function invite(email: string, role = 'agent', name?: string) {
  const response = await (
    await admin()
  ).post('/api/invitations', { email, role, ...(name ? { name } : {}) });
  expect(response.statusCode).toBe(201);
  const mail = await t.mailbox.next(email);
  return { response, mail, token: tokenFromMail(mail, t.config.publicUrl, 'invite') };
}

describe('invitations', () => {
  it('an admin invites; the email link works; accepting with a password signs in', async () => {
    const { response, mail, token } = await invite('dave@demo.test', 'team_leader');
    expect(response.json()).toEqual({
      id: expect.any(String),
      email: 'dave@demo.test',
      role: 'team_leader',
      expiresAt: expect.any(String),
    });
    expect(Date.parse(response.json().expiresAt) - t.clock.now().getTime()).toBe(INVITATION_TTL_MS);
    expect(mail.subject).toContain('Demo');
    expect(mail.text).toContain(`${t.config.publicUrl}/invite/`);

    const visitor = t.client();
    const info = await visitor.get(`/api/invitations/${token}`);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({
      email: 'dave@demo.test',
      instanceName: 'Demo',
      role: 'team_leader',
      hasAccount: false,
    });

    const accepted = await visitor.post(`/api/invitations/${token}/accept`, {
      name: 'Dave Dunn',
      password: 'a-long-password',
    });
    expect(accepted.statusCode).toBe(200);
    const me = accepted.json<MeBody>();
    expect(me.user).toMatchObject({ email: 'dave@demo.test', name: 'Dave Dunn' });
    expect(me.currentInstance).toMatchObject({ name: 'Demo', role: 'team_leader' });
    expect((await visitor.get('/api/me')).statusCode).toBe(200);

    const again = await t.client().signIn('dave@demo.test', 'a-long-password');
    expect(again.currentInstance?.name).toBe('Demo');
    const members = await (await admin()).get('/api/members');
    expect(members.json().members.map((m: { email: string }) => m.email)).toContain(
      'dave@demo.test',
    );

    // Used once: the link is dead now.
    expect((await t.client().get(`/api/invitations/${token}`)).statusCode).toBe(404);
    const reuse = await t.client().post(`/api/invitations/${token}/accept`, {
      name: 'Mallory',
      password: 'another-password',
    });
    expect(reuse.statusCode).toBe(404);
  });

  it('only admins of the current instance may invite', async () => {
    const agent = t.client();
    await agent.signIn('alice@demo.test');
    const response = await agent.post('/api/invitations', {
      email: 'eve@demo.test',
      role: 'agent',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
    expect(
      (await t.client().post('/api/invitations', { email: 'eve@demo.test', role: 'agent' }))
        .statusCode,
    ).toBe(401);
  });

  it('a new account needs a name and a password of at least 10 characters', async () => {
    const { token } = await invite('frank@demo.test');
    const empty = await t.client().post(`/api/invitations/${token}/accept`, {});
    expect(empty.statusCode).toBe(400);
    const short = await t
      .client()
      .post(`/api/invitations/${token}/accept`, { name: 'Frank', password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('password');
    // Still usable after the failed attempts; the name from the invitation is the default.
    const noName = await t
      .client()
      .post(`/api/invitations/${token}/accept`, { password: 'long-enough-pw' });
    expect(noName.statusCode).toBe(400);
    const named = await invite('gina@demo.test', 'agent', 'Gina Gray');
    const accepted = await t
      .client()
      .post(`/api/invitations/${named.token}/accept`, { password: 'long-enough-pw' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json<MeBody>().user.name).toBe('Gina Gray');
  });

  it('an existing account accepts while signed in as the invited email, into another instance', async () => {
    // Provider enters Northwind as admin and invites bob, who already has a Demo account.
    const provider = t.client();
    const me = await provider.signIn('provider@demo.test');
    const northwind = me.memberships.find((m) => m.instanceName === 'Northwind')?.instanceId;
    await provider.post('/api/session/instance', { instanceId: northwind });
    const created = await provider.post('/api/invitations', {
      email: 'bob@demo.test',
      role: 'agent',
    });
    expect(created.statusCode).toBe(201);
    const token = tokenFromMail(
      await t.mailbox.next('bob@demo.test'),
      t.config.publicUrl,
      'invite',
    );
    expect((await t.client().get(`/api/invitations/${token}`)).json().hasAccount).toBe(true);

    expect((await t.client().post(`/api/invitations/${token}/accept`, {})).statusCode).toBe(401);
    const alice = t.client();
    await alice.signIn('alice@demo.test');
    const wrongUser = await alice.post(`/api/invitations/${token}/accept`, {});
    expect(wrongUser.statusCode).toBe(403);

    const bob = t.client();
    await bob.signIn('bob@demo.test');
    const accepted = await bob.post(`/api/invitations/${token}/accept`, {});
    expect(accepted.statusCode).toBe(200);
    const bobMe = accepted.json<MeBody>();
    expect(bobMe.currentInstance?.name).toBe('Northwind');
    expect(bobMe.memberships.map((m) => m.instanceName)).toEqual(['Demo', 'Northwind']);
    // Bob's password did not change.
    await t.client().signIn('bob@demo.test');
  });

  it('refuses to invite an existing member (409) and expired invitations are 404', async () => {
    const duplicate = await (
      await admin()
    ).post('/api/invitations', { email: 'alice@demo.test', role: 'agent' });
    expect(duplicate.statusCode).toBe(409);
    const { token } = await invite('henry@demo.test');
    t.clock.advance(INVITATION_TTL_MS + 1);
    expect((await t.client().get(`/api/invitations/${token}`)).statusCode).toBe(404);
    const late = await t
      .client()
      .post(`/api/invitations/${token}/accept`, { name: 'Henry', password: 'long-enough-pw' });
    expect(late.statusCode).toBe(404);
  });

  it('unknown tokens are 404', async () => {
    expect((await t.client().get('/api/invitations/not-a-real-token')).statusCode).toBe(404);
  });
});
