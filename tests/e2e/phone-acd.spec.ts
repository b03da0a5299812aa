import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { callLaunchOptions } from '../support/browser.js';
import { sipPorts } from '../support/sip-ports.js';
import { startSipp, type SippCall } from '../support/sipp.js';
import { Agent } from './pages/phone-page.js';
import { TasksPage } from './pages/tasks-page.js';
import { apiAs } from './support/accounts.js';
import { pushOne, taskOnServer, userIdOf } from './support/sync-api.js';

// Inbound calls (ACD, issue 6): sipp dials the Demo queue 2000 (support) on Kamailio's trunk port,
// over UDP and through rtpengine; Kamailio asks the server which agent to ring. alice (Ready,
// support) rings and bob (Busy) does not; bob goes Ready, alice lets it ring out (the queue rings
// each agent 8 s here) and becomes Missed, bob rings, answers and hears the caller; the call task
// is his. Then nobody may take a call: the caller hears busy and the task waits for a call back.
// In the serial phone project (it rings alice and bob, whom the other phone specs use too).
test.use({ launchOptions: callLaunchOptions });
test.describe.configure({ mode: 'serial' });

const ringSeconds = 8;
let alice: Agent;
let bob: Agent;
let admin: APIRequestContext;
let sipp: SippCall | undefined;

test.beforeAll(async ({ browser }) => {
  admin = await apiAs('admin@demo.test');
  const queue = { name: 'Support', skills: ['support'], priority: 3, ringSeconds };
  expect((await admin.put('/api/queues/2000', { data: queue })).status()).toBe(200);
  // carol has support too: out of the way, whatever an earlier spec left her in.
  const carol = await apiAs('carol@demo.test');
  const me = (await (await carol.get('/api/me')).json()) as {
    memberships: { instanceId: string; instanceName: string }[];
  };
  const demo = me.memberships.find((m) => m.instanceName === 'Demo')?.instanceId;
  expect((await carol.post('/api/session/instance', { data: { instanceId: demo } })).ok()).toBe(
    true,
  );
  const at = new Date().toISOString();
  expect(await pushOne(carol, 'agentStatus.set', { status: 'offline', at })).toMatchObject({
    status: 'ok',
  });
  await carol.dispose();
  alice = await Agent.signIn(browser, 'alice@demo.test', 'Alice Anders');
  bob = await Agent.signIn(browser, 'bob@demo.test', 'Bob Brown');
});
test.afterEach(async () => {
  await sipp?.stop();
  sipp = undefined;
});
test.afterAll(async () => {
  await alice?.close();
  await bob?.close();
  await admin?.dispose();
});

async function setStatus(agent: Agent, status: 'Ready' | 'Busy'): Promise<void> {
  await new TasksPage(agent.page).setAgentStatus(status);
}

/** Opens the Offers list from the task list (it stays open over the phone dock). */
async function openOffers(page: Page): Promise<Locator> {
  await page.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
  await page.getByRole('button', { name: /^Offers/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Offers' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Call tasks ("Call from", "Missed call from") with this caller made since, newest first. */
async function callTasksSince(customer: string, since: number) {
  const res = await admin.get('/api/tasks?limit=100');
  expect(res.status()).toBe(200);
  const { tasks } = (await res.json()) as {
    tasks: { id: string; title: string; createdAt: string; assigneeId: string | null }[];
  };
  return tasks
    .filter((t) => t.title.endsWith(`all from ${customer}`) && Date.parse(t.createdAt) >= since)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
}

/** The newest queue call task from this caller, as the admin's API sees it. */
async function newestCallTask(customer: string, since: number) {
  return (await callTasksSince(customer, since)).find((t) => t.title === `Call from ${customer}`);
}

test('the Ready agent with the skill rings, the Busy one does not; unanswered, the next rings and the first is Missed', async () => {
  test.setTimeout(120_000);
  await alice.expectRegistered();
  await bob.expectRegistered();
  await setStatus(alice, 'Ready');
  await setStatus(bob, 'Busy');
  const since = Date.now() - 1000;

  sipp = await startSipp({
    scenario: 'outside-caller.xml',
    port: sipPorts().trunkPort,
    service: '2000',
    timeoutSeconds: 60,
  });
  const call = sipp;

  await expect(alice.button('Answer')).toBeVisible({ timeout: 15_000 });
  const rangAt = Date.now();
  await expect(alice.page.getByText(/Outside Caller|15550100/).first()).toBeVisible();
  // The reservation is also under her Offers: there, taking it means answering the call.
  const aliceOffers = await openOffers(alice.page);
  await expect(
    aliceOffers.getByText('Routing offers you “Call from Outside Caller”'),
  ).toBeVisible();
  await expect(aliceOffers.getByRole('button', { name: 'Answer the call' })).toBeVisible();
  await expect(aliceOffers.getByRole('button', { name: 'Decline the call' })).toBeVisible();
  await expect(aliceOffers.getByRole('button', { name: 'Accept', exact: true })).toHaveCount(0);
  await alice.page.keyboard.press('Escape');
  await expect(aliceOffers).toBeHidden();
  // Both would have rung at once (Kamailio forks to every contact it is given): bob's phone is
  // quiet, and he is not the one the task is reserved to.
  await expect(bob.button('Answer')).toHaveCount(0);
  const bobId = await userIdOf(bob.page.request);
  await expect.poll(async () => (await newestCallTask('Outside Caller', since))?.id).toBeTruthy();

  // bob comes back while alice lets it ring.
  await setStatus(bob, 'Ready');
  await expect(bob.button('Answer')).toHaveCount(0);

  // alice's ring time runs out: her phone stops, she is Missed, bob's phone rings.
  await expect(bob.button('Answer')).toBeVisible({ timeout: ringSeconds * 1000 + 10_000 });
  expect(Date.now() - rangAt).toBeGreaterThan((ringSeconds - 1) * 1000);
  await expect(alice.button('Answer')).toHaveCount(0);
  await expect(alice.page.getByRole('button', { name: /^Status:? Missed/ })).toBeVisible();

  // bob answers from his Offers list: the call connects and the task opens.
  const bobOffers = await openOffers(bob.page);
  await bobOffers.getByRole('button', { name: 'Answer the call' }).click();
  await expect(bob.button('Hang up')).toBeVisible();
  await expect(bobOffers).toBeHidden();
  await expect(bob.page.getByRole('heading', { name: 'Call from Outside Caller' })).toBeVisible();
  // The caller's audio crosses rtpengine into bob's browser (the pcap is silent at first).
  await expect
    .poll(async () => (await bob.energyOver(1000)).packets, { timeout: 10_000 })
    .toBeGreaterThan(20);

  const result = await call.done;
  expect(result.code, result.output).toBe(0);
  await expect(bob.button('Hang up')).toHaveCount(0);

  // The call's task is bob's; its log tells the story.
  const task = await newestCallTask('Outside Caller', since);
  expect(task?.assigneeId).toBe(bobId);
  const kinds = async () => {
    const { log } = await taskOnServer(admin, task?.id ?? '');
    return log
      .map((l) => ({ kind: String(l['kind']), id: String(l['id']) }))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((l) => l.kind);
  };
  // The routing story (the phones' call items land in between, whenever they sync).
  expect((await kinds()).filter((k) => k !== 'call')).toEqual([
    'created',
    'offered',
    'offer_expired',
    'offered',
    'accepted',
    'assigned',
  ]);
  // Both phones file the call on that task (Kamailio named it in X-Switchboard-Task): alice's
  // missed ring and bob's answered call are in its log, and no second task was made for them.
  await expect
    .poll(async () => (await kinds()).filter((k) => k === 'call').length, { timeout: 15_000 })
    .toBe(2);
  expect(await callTasksSince('Outside Caller', since)).toHaveLength(1);
});

test('nobody may take a call: the caller hears busy and the task waits unassigned for a call back', async () => {
  test.setTimeout(60_000);
  // alice is still Missed (only she or Play changes that); bob goes Busy.
  await expect(alice.page.getByRole('button', { name: /^Status:? Missed/ })).toBeVisible();
  await setStatus(bob, 'Busy');
  const since = Date.now() - 1000;
  sipp = await startSipp({
    scenario: 'queue-busy-caller.xml',
    port: sipPorts().trunkPort,
    service: '2000',
    timeoutSeconds: 20,
  });
  const result = await sipp.done;
  expect(result.code, result.output).toBe(0);
  await expect(alice.button('Answer')).toHaveCount(0);
  await expect(bob.button('Answer')).toHaveCount(0);
  const task = await newestCallTask('Busy Caller', since);
  expect(task).toMatchObject({ assigneeId: null });
});
