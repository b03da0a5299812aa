import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  type MeBody,
  type TestApp,
  type TestClient,
} from '../../test-support/test-app.js';

// A member of instance A must never see instance B's data: every tenant endpoint is checked.
interface Task {
  id: string;
  title: string;
  assigneeName: string | null;
}

let t: TestApp;
let alice: TestClient; // Demo only
let carol: TestClient; // Demo and Northwind
let carolMe: MeBody;
let demoTasks: Task[];
let northwindTasks: Task[];

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  alice = t.client();
  await alice.signIn('alice@demo.test');
  carol = t.client();
  carolMe = await carol.signIn('carol@demo.test');
  const id = (name: string) => carolMe.memberships.find((m) => m.instanceName === name)?.instanceId;
  await carol.post('/api/session/instance', { instanceId: id('Northwind') });
  northwindTasks = (await carol.get('/api/tasks?limit=500')).json<{ tasks: Task[] }>().tasks;
  await carol.post('/api/session/instance', { instanceId: id('Demo') });
  demoTasks = (await carol.get('/api/tasks?limit=500')).json<{ tasks: Task[] }>().tasks;
});
afterAll(async () => {
  await t.close();
});

describe('tenant isolation', () => {
  it('the two instances hold distinct tasks', () => {
    expect(demoTasks).toHaveLength(300);
    expect(northwindTasks).toHaveLength(40);
    expect(northwindTasks.every((task) => task.title.startsWith('Northwind'))).toBe(true);
    expect(demoTasks.some((task) => task.title.startsWith('Northwind'))).toBe(false);
  });

  it('GET /api/tasks lists only the current instance, newest first, limited', async () => {
    const response = await alice.get('/api/tasks?limit=50');
    expect(response.statusCode).toBe(200);
    const tasks = response.json<{ tasks: (Task & { updatedAt: string })[] }>().tasks;
    expect(tasks).toHaveLength(50);
    const northwindIds = new Set(northwindTasks.map((task) => task.id));
    expect(tasks.filter((task) => northwindIds.has(task.id))).toEqual([]);
    const times = tasks.map((task) => task.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
    const all = (await alice.get('/api/tasks?limit=500')).json<{ tasks: Task[] }>().tasks;
    expect(all.map((task) => task.id).sort()).toEqual(demoTasks.map((task) => task.id).sort());
  });

  it('GET /api/tasks/:id answers for this instance and 404 for another instance', async () => {
    const own = demoTasks[0] as Task;
    const ok = await alice.get(`/api/tasks/${own.id}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: own.id, title: own.title });
    const foreign = northwindTasks[0] as Task;
    const response = await alice.get(`/api/tasks/${foreign.id}`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect((await alice.get('/api/tasks/00000000-0000-0000-0000-000000000000')).statusCode).toBe(
      404,
    );
  });

  it('switching instance changes what the same session sees', async () => {
    const foreign = northwindTasks[0] as Task;
    expect((await carol.get(`/api/tasks/${foreign.id}`)).statusCode).toBe(404);
    const northwind = carolMe.memberships.find((m) => m.instanceName === 'Northwind')?.instanceId;
    await carol.post('/api/session/instance', { instanceId: northwind });
    expect((await carol.get(`/api/tasks/${foreign.id}`)).statusCode).toBe(200);
    expect((await carol.get(`/api/tasks/${(demoTasks[0] as Task).id}`)).statusCode).toBe(404);
  });

  it('GET /api/members lists only the current instance', async () => {
    const response = await alice.get('/api/members');
    expect(response.statusCode).toBe(200);
    const members = response.json<{
      members: { email: string; role: string; extension: string }[];
    }>().members;
    expect(members.map((m) => [m.email, m.role, m.extension])).toEqual([
      ['admin@demo.test', 'admin', '1000'],
      ['alice@demo.test', 'agent', '1001'],
      ['bob@demo.test', 'agent', '1002'],
      ['carol@demo.test', 'team_leader', '1003'],
    ]);
  });

  it('switching to an instance one is not a member of is 404', async () => {
    const northwind = carolMe.memberships.find((m) => m.instanceName === 'Northwind')?.instanceId;
    const response = await alice.post('/api/session/instance', { instanceId: northwind });
    expect(response.statusCode).toBe(404);
    expect((await alice.get('/api/members')).json().members).toHaveLength(4);
  });

  it('invitations are created in the current instance only', async () => {
    const admin = t.client();
    await admin.signIn('admin@demo.test');
    const created = await admin.post('/api/invitations', { email: 'zed@demo.test', role: 'agent' });
    expect(created.statusCode).toBe(201);
    const mail = await t.mailbox.next('zed@demo.test');
    expect(mail.subject).toContain('Demo');
    expect(mail.subject).not.toContain('Northwind');
  });

  it('tenant endpoints need a session', async () => {
    for (const url of ['/api/tasks', `/api/tasks/${(demoTasks[0] as Task).id}`, '/api/members']) {
      expect((await t.client().get(url)).statusCode).toBe(401);
    }
  });
});
