// Reassigning (issue 5): an admin gives alice's task to bob from the task page; and a
// resolve alice made offline is refused once the server sees carol reassigned the task meanwhile,
// with the reason, and the task is as the server has it (open, bob's).
import { chromium, expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumLaunchOptions, e2ePort } from '../support/browser.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { SignInPage } from './pages/sign-in-page.js';
import { TaskPage } from './pages/task-page.js';
import { TasksPage } from './pages/tasks-page.js';
import { apiAs } from './support/accounts.js';
import { pushOne, taskOnServer, userIdOf } from './support/sync-api.js';
import { expectNoAxeViolations, makeTask } from './support/task-fixtures.js';

test('an admin reassigns alice’s task to bob', async ({ page }) => {
  const title = `Reassign me ${Date.now().toString(36)}`;
  const aliceApi = await apiAs('alice@demo.test');
  const taskId = await makeTask(aliceApi, { title, assigneeId: await userIdOf(aliceApi) });

  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('admin@demo.test');
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible({
    // Sign-in hashes the password (scrypt): slow on a loaded machine.
    timeout: 30_000,
  });
  const task = new TaskPage(page);
  await task.open(taskId, title);
  await task.button('Reassign').click();
  const dialog = page.getByRole('dialog', { name: 'Reassign task' });
  await expect(dialog.getByRole('radio', { name: /^Alice Anders/ })).toBeDisabled();
  await expectNoAxeViolations(page);
  await dialog.getByRole('radio', { name: /^Bob Brown/ }).check();
  await dialog.getByRole('button', { name: 'Reassign', exact: true }).click();
  await expect(task.fact('Assignee')).toHaveText('Bob Brown');
  await expect
    .poll(async () => (await taskOnServer(aliceApi, taskId)).task?.['assigneeId'])
    .toBe(await userIdOf(await apiAs('bob@demo.test')));
  expect((await task.logLines())[0]).toBe('Ada Admin assigned it to Bob Brown');
  await aliceApi.dispose();
});

test('an offline resolve of a task reassigned meanwhile is refused with the reason', async () => {
  const title = `Resolve race ${Date.now().toString(36)}`;
  const aliceApi = await apiAs('alice@demo.test');
  const aliceId = await userIdOf(aliceApi);
  const taskId = await makeTask(aliceApi, { title, assigneeId: aliceId });
  const carolApi = await apiAs('carol@demo.test');
  const me = (await (await carolApi.get('/api/me')).json()) as {
    memberships: { instanceId: string; instanceName: string }[];
  };
  const demo = me.memberships.find((m) => m.instanceName === 'Demo')?.instanceId;
  await carolApi.post('/api/session/instance', { data: { instanceId: demo } });
  const bobApi = await apiAs('bob@demo.test');
  const bobId = await userIdOf(bobApi);

  // Through a proxy that can refuse, so the service worker cannot flush "offline" either.
  const proxy = await startTcpProxy({ targetPort: e2ePort });
  const profile = await mkdtemp(path.join(tmpdir(), 'sb-resolve-race-'));
  const alice = await chromium.launchPersistentContext(profile, {
    ...chromiumLaunchOptions,
    baseURL: proxy.url,
  });
  try {
    const page = alice.pages()[0] ?? (await alice.newPage());
    await new SignInPage(page).open();
    await new SignInPage(page).signIn('alice@demo.test');
    await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible({
      // Sign-in hashes the password (scrypt): slow on a loaded machine.
      timeout: 30_000,
    });
    const tasks = new TasksPage(page);
    const task = new TaskPage(page);
    await task.open(taskId, title);
    await expect(task.fact('Assignee')).toHaveText('Alice Anders');

    proxy.setMode('refuse');
    await alice.setOffline(true);
    await task.button('Resolve').click();
    await expect(task.button('Reopen')).toBeVisible();
    await expect(tasks.syncStatus()).toContainText('1 change waiting to sync');

    expect(await pushOne(carolApi, 'task.assign', { taskId, assigneeId: bobId })).toMatchObject({
      status: 'ok',
    });

    proxy.setMode('pass');
    await alice.setOffline(false);
    const notApplied = page.getByRole('button', { name: '1 change not applied' });
    await expect(notApplied).toBeVisible({ timeout: 15_000 });
    // The server's state is back: open, and bob's.
    await expect(task.button('Resolve')).toBeVisible();
    await expect(task.fact('Assignee')).toHaveText('Bob Brown');
    await notApplied.click();
    const dialog = page.getByRole('dialog', { name: 'Changes the server did not apply' });
    await expect(
      dialog.getByText(
        'This task was reassigned to Bob Brown meanwhile, so its status was not changed.',
      ),
    ).toBeVisible();
    const onServer = await taskOnServer(aliceApi, taskId);
    expect(onServer.task).toMatchObject({ status: 'open', assigneeId: bobId });
  } finally {
    await alice.close();
    await proxy.close();
    await Promise.all([aliceApi.dispose(), carolApi.dispose(), bobApi.dispose()]);
    await rm(profile, { recursive: true, force: true });
  }
});
