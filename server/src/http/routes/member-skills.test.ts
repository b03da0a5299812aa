import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSkillNames } from '../../db/skills.js';
import { replaceMemberSkills } from '../../members/member-skills.js';
import { RecordingPoker } from '../../test-support/recording-poker.js';
import { SyncTestClient } from '../../test-support/sync.js';
import {
  createTestApp,
  type MeBody,
  type TestApp,
  type TestClient,
} from '../../test-support/test-app.js';

// Admins set members' skills (issue 6); the change reaches every device as a synced member.
let t: TestApp;
let admin: TestClient;
let alice: TestClient;
let provider: TestClient; // admin of Demo and Northwind without being a member
let adminMe: MeBody;
let ids: Record<'admin' | 'alice' | 'bob' | 'carol' | 'provider', string>;
let demoId: string;
let northwindId: string;

const put = (client: TestClient, userId: string, payload: unknown) =>
  client.request({
    method: 'PUT',
    url: `/api/members/${userId}/skills`,
    payload: payload as object,
  });

async function skillsOf(client: TestClient, userId: string): Promise<string[] | undefined> {
  const { changes } = await new SyncTestClient(client).pullAll();
  for (const change of changes)
    if (change.kind === 'member' && change.op === 'put' && change.value.userId === userId)
      return change.value.skills;
  return undefined;
}

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  admin = t.client();
  adminMe = await admin.signIn('admin@demo.test');
  alice = t.client();
  const aliceMe = await alice.signIn('alice@demo.test');
  const bobMe = await t.client().signIn('bob@demo.test');
  const carolMe = await t.client().signIn('carol@demo.test');
  provider = t.client();
  const providerMe = await provider.signIn('provider@demo.test');
  const instance = (name: string) =>
    providerMe.memberships.find((m) => m.instanceName === name)?.instanceId ?? '';
  demoId = instance('Demo');
  northwindId = instance('Northwind');
  ids = {
    admin: adminMe.user.id,
    alice: aliceMe.user.id,
    bob: bobMe.user.id,
    carol: carolMe.user.id,
    provider: providerMe.user.id,
  };
});
afterAll(async () => {
  await t.close();
});

describe('PUT /api/members/:userId/skills', () => {
  it('replaces the skills, and a later pull brings the member with them', async () => {
    const watcher = new SyncTestClient(alice);
    const { cursor } = await watcher.pullAll();
    const response = await put(admin, ids.bob, { skills: [' support ', 'billing', 'French'] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ skills: ['support', 'billing', 'French'] });
    const { changes } = await watcher.pullAll(cursor);
    const bob = changes.find((c) => c.kind === 'member' && c.op === 'put');
    expect(bob).toMatchObject({
      value: { userId: ids.bob, skills: ['support', 'billing', 'French'] },
    });
  });

  it('keeps the catalogue spelling of a known skill and adds new names to the catalogue', async () => {
    const response = await put(admin, ids.alice, { skills: ['SALES', 'Spanish'] });
    expect(response.json()).toEqual({ skills: ['sales', 'Spanish'] });
    const catalogue = (await admin.get('/api/skills')).json<{ skills: string[] }>().skills;
    expect(catalogue).toEqual(expect.arrayContaining(['billing', 'sales', 'support', 'Spanish']));
    expect(catalogue.filter((s) => s.toLowerCase() === 'sales')).toEqual(['sales']);
    // Every member may read the list (it names no one); Northwind's is its own.
    expect((await alice.get('/api/skills')).json()).toEqual({ skills: catalogue });
    expect(await listSkillNames(t.db, northwindId)).not.toContain('Spanish');
  });

  it('an empty list removes every skill', async () => {
    expect((await put(admin, ids.admin, { skills: ['triage'] })).statusCode).toBe(200);
    expect((await put(admin, ids.admin, { skills: [] })).json()).toEqual({ skills: [] });
    expect(await skillsOf(alice, ids.admin)).toEqual([]);
  });

  it.each([
    ['a blank name', { skills: ['  '] }, 'cannot be empty'],
    ['a name over 40 characters', { skills: ['x'.repeat(41)] }, 'longer than 40'],
    ['a duplicate ignoring case', { skills: ['support', 'Support'] }, 'listed twice'],
    ['a comma', { skills: ['support, sales'] }, 'comma'],
    ['more than 30 skills', { skills: Array.from({ length: 31 }, (_, i) => `s${i}`) }, '30'],
    ['a missing field', {}, 'skills'],
    ['an unknown field', { skills: [], admin: true }, 'admin'],
    ['a number for a name', { skills: [7] }, 'skills'],
  ])('refuses %s with 400 and changes nothing', async (_, payload, message) => {
    const before = await skillsOf(alice, ids.carol);
    const response = await put(admin, ids.carol, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { message: string } }>().error.message).toContain(message);
    expect(await skillsOf(alice, ids.carol)).toEqual(before);
    expect(before).toEqual(['support', 'sales']);
  });

  it('a name of exactly 40 characters is fine', async () => {
    const name = 'y'.repeat(40);
    expect((await put(admin, ids.carol, { skills: [name] })).json()).toEqual({ skills: [name] });
    await put(admin, ids.carol, { skills: ['support', 'sales'] });
  });

  it('is for admins only: an agent gets 403 and nothing changes', async () => {
    const response = await put(alice, ids.alice, { skills: ['everything'] });
    expect(response.statusCode).toBe(403);
    expect(await skillsOf(admin, ids.alice)).toEqual(['sales', 'Spanish']);
  });

  it('tenants are walls: another instance’s user or a non-member is 404', async () => {
    // The provider is admin of Northwind, where bob is not a member.
    const switched = await provider.post('/api/session/instance', { instanceId: northwindId });
    expect(switched.statusCode).toBe(200);
    expect((await put(provider, ids.bob, { skills: ['hacked'] })).statusCode).toBe(404);
    expect((await put(provider, 'no-such-user', { skills: [] })).statusCode).toBe(404);
    // carol is in both: Northwind's admin changes only her Northwind skills.
    expect((await put(provider, ids.carol, { skills: ['dutch'] })).statusCode).toBe(200);
    expect(await skillsOf(provider, ids.carol)).toEqual(['dutch']);
    expect(await skillsOf(admin, ids.carol)).toEqual(['support', 'sales']);
    expect(await skillsOf(admin, ids.bob)).toEqual(['support', 'billing', 'French']);
    // A service provider manages Demo without being one of its members.
    await provider.post('/api/session/instance', { instanceId: demoId });
    expect((await put(provider, ids.provider, { skills: [] })).statusCode).toBe(404);
  });

  it('answers 401 without a session', async () => {
    expect((await put(t.client(), ids.bob, { skills: [] })).statusCode).toBe(401);
    expect((await t.client().get('/api/skills')).statusCode).toBe(401);
  });
});

describe('replaceMemberSkills', () => {
  it('pokes the instance after the change, and nobody for a non-member', async () => {
    const poker = new RecordingPoker();
    const deps = { db: t.db, clock: t.clock.now, poker };
    expect(await replaceMemberSkills(deps, demoId, ids.bob, ['support'])).toEqual(['support']);
    expect(poker.pokes).toEqual([{ instanceId: demoId, audience: 'instance' }]);
    expect(await replaceMemberSkills(deps, northwindId, ids.bob, ['support'])).toBeUndefined();
    expect(poker.pokes).toHaveLength(1);
  });
});
