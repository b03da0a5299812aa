// Issue 4's acceptance case: alice works offline across a browser restart, and when the network
// returns the server gets each change exactly once, in order, and bob sees them at once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type BrowserContext } from '@playwright/test';
import { chromiumLaunchOptions, e2ePort } from '../support/browser.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { SignInPage } from './pages/sign-in-page.js';
import { TasksPage } from './pages/tasks-page.js';
import { apiAs } from './support/accounts.js';
import { bootstrapOf, createTaskAs, taskOnServer } from './support/sync-api.js';

const baseURL = `http://127.0.0.1:${e2ePort}`;

// Alice reaches the server through a proxy that can refuse connections: Playwright's offline
// switch does not stop the service worker's own fetches (its Background Sync flushed the outbox
// "offline"), and a real outage stops both. Her origin is the proxy's for the whole test.
function launchAlice(proxy: TcpProxy, profile: string, offline: boolean): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    ...chromiumLaunchOptions,
    baseURL: proxy.url,
    offline,
  });
}

async function goOffline(alice: BrowserContext, proxy: TcpProxy): Promise<void> {
  proxy.setMode('refuse');
  await alice.setOffline(true);
}

async function goOnline(alice: BrowserContext, proxy: TcpProxy): Promise<void> {
  proxy.setMode('pass');
  await alice.setOffline(false);
}

test('offline work survives a browser restart and syncs exactly once, in order', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const title = `Offline refund ${run}`;
  const commentText = `Called back offline ${run}`;
  const filterName = `Resolved ${run}`;
  const bobApi = await apiAs('bob@demo.test');
  const taskId = await createTaskAs(bobApi, title);

  // Bob watches the task in his own browser.
  const bobContext = await browser.newContext({ baseURL });
  const bobPage = await bobContext.newPage();
  await new SignInPage(bobPage).open();
  await new SignInPage(bobPage).signIn('bob@demo.test');
  const bobTasks = new TasksPage(bobPage);
  await bobTasks.openTask(title);

  const profile = await mkdtemp(path.join(tmpdir(), 'sb-alice-'));
  const proxy = await startTcpProxy({ targetPort: e2ePort });
  try {
    let alice = await launchAlice(proxy, profile, false);
    let page = alice.pages()[0] ?? (await alice.newPage());
    await new SignInPage(page).open();
    await new SignInPage(page).signIn('alice@demo.test');
    let tasks = new TasksPage(page);
    await tasks.openTask(title);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await goOffline(alice, proxy);
    await expect(tasks.syncStatus()).toContainText('Offline');
    await tasks.addComment(commentText, {
      name: 'receipt.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(`receipt ${run}`),
    });
    await tasks.resolve();
    await tasks.setAgentStatus('Break');
    await page.getByRole('link', { name: 'All tasks' }).click();
    await tasks.saveFilter(filterName, 'Resolved');
    await expect(tasks.syncStatus()).toContainText('4 changes waiting to sync');
    await alice.close();

    // Started again, still offline: everything is there and still waiting.
    alice = await launchAlice(proxy, profile, true);
    page = alice.pages()[0] ?? (await alice.newPage());
    await page.goto(`/tasks/${taskId}`);
    tasks = new TasksPage(page);
    await expect(tasks.syncStatus()).toContainText('4 changes waiting to sync');
    await expect(tasks.comments().getByText(commentText)).toBeVisible();
    await expect(tasks.comments().getByText('receipt.txt')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Status:? Break/ })).toBeVisible();
    await page.getByRole('link', { name: 'All tasks' }).click();
    await expect(
      tasks.savedFilters().getByRole('button', { name: `Apply filter ${filterName}` }),
    ).toBeVisible();

    await goOnline(alice, proxy);
    await expect(tasks.syncStatus()).not.toContainText('waiting to sync', { timeout: 15_000 });
    const syncedAt = Date.now();

    // Bob's browser shows the comment and the resolution without reloading.
    await expect(bobTasks.comments().getByText(commentText)).toBeVisible({ timeout: 5_000 });
    await expect(bobPage.getByRole('button', { name: 'Reopen' })).toBeVisible({ timeout: 5_000 });
    const seenMs = Date.now() - syncedAt;
    test.info().annotations.push({ type: 'bob-sees-changes-ms', description: String(seenMs) });
    console.log(`bob saw alice's synced changes ${seenMs} ms after her outbox emptied`);

    // The server has each change exactly once, in the order alice made them.
    const aliceApi = await apiAs('alice@demo.test');
    const onServer = await taskOnServer(aliceApi, taskId);
    expect(onServer.task?.['status']).toBe('resolved');
    expect(onServer.comments.map((c) => c['body'])).toEqual([commentText]);
    const attachments = onServer.comments[0]?.['attachments'] as { id: string; name: string }[];
    expect(attachments.map((a) => a.name)).toEqual(['receipt.txt']);
    const download = await aliceApi.get(`/api/attachments/${attachments[0]?.id}`);
    expect(await download.text()).toBe(`receipt ${run}`);
    const kinds = [...onServer.log]
      .sort((a, b) => String(a['createdAt']).localeCompare(String(b['createdAt'])))
      .map((item) => item['kind']);
    expect(kinds).toEqual(['created', 'comment', 'status']);

    const everything = await bootstrapOf(aliceApi);
    const filters = everything.flatMap((c) =>
      c.kind === 'filter' && c.op === 'put' && c.value['name'] === filterName ? [c.value] : [],
    );
    expect(filters).toHaveLength(1);
    expect(filters[0]?.['query']).toEqual({ status: ['resolved'] });
    const statuses = everything.flatMap((c) =>
      c.kind === 'agentStatus' && c.op === 'put' ? [c.value] : [],
    );
    const me = (await (await aliceApi.get('/api/me')).json()) as { user: { id: string } };
    expect(statuses.find((s) => s['userId'] === me.user.id)?.['status']).toBe('break');
    await aliceApi.dispose();
    await alice.close();
  } finally {
    await proxy.close();
    await bobContext.close();
    await bobApi.dispose();
    await rm(profile, { recursive: true, force: true });
  }
});
