// A change made offline that the server can no longer apply is not dropped silently: the shell
// counts it, the screen shows the server's state again, and the user reads why and discards it.
import { chromium, expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumLaunchOptions, e2ePort } from '../support/browser.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { SignInPage } from './pages/sign-in-page.js';
import { TasksPage } from './pages/tasks-page.js';
import { apiAs } from './support/accounts.js';
import { createTaskAs, pushOne, taskOnServer, userIdOf } from './support/sync-api.js';

test('an offline "Assign to me" that lost to a colleague is shown as not applied, then discarded', async () => {
  const title = `Contested ${Date.now().toString(36)}`;
  const bobApi = await apiAs('bob@demo.test');
  const taskId = await createTaskAs(bobApi, title);
  const bobId = await userIdOf(bobApi);

  // Through a proxy that can refuse, so the service worker cannot flush "offline" either.
  const proxy = await startTcpProxy({ targetPort: e2ePort });
  const profile = await mkdtemp(path.join(tmpdir(), 'sb-conflict-'));
  const alice = await chromium.launchPersistentContext(profile, {
    ...chromiumLaunchOptions,
    baseURL: proxy.url,
  });
  try {
    const page = alice.pages()[0] ?? (await alice.newPage());
    await new SignInPage(page).open();
    await new SignInPage(page).signIn('alice@demo.test');
    const tasks = new TasksPage(page);
    await tasks.openTask(title);

    proxy.setMode('refuse');
    await alice.setOffline(true);
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await expect(page.getByRole('button', { name: 'Assign to me' })).toHaveCount(0);
    await expect(tasks.syncStatus()).toContainText('1 change waiting to sync');

    // Meanwhile bob takes the task.
    expect(await pushOne(bobApi, 'task.assign', { taskId, assigneeId: bobId })).toEqual({
      seq: 1,
      status: 'ok',
    });

    proxy.setMode('pass');
    await alice.setOffline(false);
    const notApplied = page.getByRole('button', { name: '1 change not applied' });
    await expect(notApplied).toBeVisible({ timeout: 15_000 });
    await expect(tasks.syncStatus()).not.toContainText('waiting to sync');
    // The server's state is back on screen: bob has it, alice may take it again.
    await expect(page.getByRole('button', { name: 'Assign to me' })).toBeVisible();
    await expect(page.getByText('Bob Brown')).toBeVisible();

    await notApplied.click();
    const dialog = page.getByRole('dialog', { name: 'Changes the server did not apply' });
    await expect(dialog.getByText('Assignment')).toBeVisible();
    await expect(dialog.getByText(/Bob Brown|colleague|assigned/i)).toBeVisible();
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await expect(dialog.getByText('Every change was applied.')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(notApplied).toHaveCount(0);

    const onServer = await taskOnServer(bobApi, taskId);
    expect(onServer.task?.['assigneeId']).toBe(bobId);
  } finally {
    await alice.close();
    await proxy.close();
    await bobApi.dispose();
    await rm(profile, { recursive: true, force: true });
  }
});
