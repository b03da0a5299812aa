// Issue 4's offline comment case in Firefox, which has no Background Sync: the page itself must
// flush the outbox on start, on `online`, on visibility and on its backoff timer.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import {
  firefoxRunDir,
  launchFirefox,
  waitForServiceWorkerControl,
  type RunningFirefox,
} from '../support/firefox.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { ShellPage } from './pages/shell-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { TasksPage } from './pages/tasks-page.js';
import { SyncApi } from './sync-api.js';

// "Unreachable" is two switches: the proxy refuses (the service worker's fetches ignore Firefox's
// offline mode) and BiDi offline mode (so the page's navigator.onLine goes false). The page is
// never reloaded while offline: Firefox 153 then fires no `online` event when switched back.

const dir = path.join(firefoxRunDir, 'offline-comment');
const serverUrl = `http://127.0.0.1:${inject('firefoxServerPort')}`;

let proxy: TcpProxy;
let firefox: RunningFirefox | undefined;
let bob: SyncApi;

beforeAll(async () => {
  proxy = await startTcpProxy({ targetPort: inject('firefoxServerPort') });
  firefox = await launchFirefox({ dir });
  bob = await SyncApi.signIn(serverUrl, 'bob@demo.test');
});

afterAll(async () => {
  await firefox?.close();
  await proxy.close();
  await bob.signOut();
});

it('keeps a comment added offline across a restart and sends it once when the server is back', async () => {
  if (!firefox) throw new Error('Firefox did not start');
  const run = Date.now().toString(36);
  const title = `Firefox offline comment ${run}`;
  const body = `Called back from Firefox ${run}`;
  const fileName = `receipt-${run}.txt`;
  const fileBytes = Buffer.from(`receipt ${run}\n`);
  mkdirSync(dir, { recursive: true });
  const filePath = path.join(dir, fileName);
  writeFileSync(filePath, fileBytes);
  const taskId = await bob.createTask(title);

  let page: Page = await firefox.page();
  const signIn = new SignInPage(page, proxy.url);
  await signIn.open();
  await signIn.signIn('alice@demo.test');
  let shell = new ShellPage(page);
  let tasks = new TasksPage(page);
  await shell.expectFrame('Alice Anders');
  await shell.expectTasks();
  await tasks.openTask(title);
  await waitForServiceWorkerControl(page);

  proxy.setMode('refuse');
  proxy.resetCounts();
  await page.setOfflineMode(true);
  await shell.expectStatus('Offline');
  await tasks.addComment(body, [filePath]);
  await shell.expectStatus('1 change waiting to sync');
  const waiting = (await tasks.comments()).filter((c) => c.body === body);
  expect(waiting).toHaveLength(1);
  expect(waiting[0]?.text).toContain('Waiting to sync');
  expect(waiting[0]?.text).toContain(fileName);
  // Nothing got through: not the page, not its service worker.
  expect(proxy.counts().passed).toBe(0);
  expect(await bob.commentsOf(taskId)).toEqual([]);

  // Restarted on the same profile with the server still unreachable. The machine's network is up
  // this time (navigator.onLine true), so the page's flush on start is refused and it backs off.
  firefox = await firefox.relaunch();
  page = await firefox.page();
  shell = new ShellPage(page);
  tasks = new TasksPage(page);
  await page.goto(`${proxy.url}/tasks/${taskId}`);
  await tasks.expectTask(title);
  await shell.expectStatus('1 change waiting to sync');
  await expect
    .poll(() => tasks.comments(), { timeout: 10_000 })
    .toContainEqual(expect.objectContaining({ body }));
  const kept = (await tasks.comments()).filter((c) => c.body === body);
  expect(kept).toHaveLength(1);
  expect(kept[0]?.text).toContain('Waiting to sync');
  expect(kept[0]?.text).toContain(fileName);
  expect(proxy.counts().passed).toBe(0);
  expect(proxy.counts().refused).toBeGreaterThan(0);

  // The network drops on this document too (loaded online, so `online` will fire when it returns).
  await page.setOfflineMode(true);
  await shell.expectStatus('Offline');
  await shell.expectStatus('1 change waiting to sync');

  // Back: the `online` event flushes at once (the backoff timer stopped while offline).
  proxy.setMode('pass');
  await page.setOfflineMode(false);
  await shell.expectStatus('Offline', false);
  await shell.expectStatus('waiting to sync', false, 15_000);
  expect(proxy.counts().passed).toBeGreaterThan(0);

  // The page shows the comment once, sent; the server has it exactly once, with the same bytes.
  await expect
    .poll(async () => (await tasks.comments()).filter((c) => c.body === body), {
      timeout: 10_000,
    })
    .toEqual([expect.objectContaining({ text: expect.not.stringContaining('Waiting to sync') })]);
  const alice = await SyncApi.signIn(serverUrl, 'alice@demo.test');
  try {
    const onServer = (await alice.commentsOf(taskId)).filter((c) => c['body'] === body);
    expect(onServer).toHaveLength(1);
    expect(onServer[0]?.['authorId']).toBe(await alice.userId());
    const attachments = onServer[0]?.['attachments'] as { id: string; name: string }[];
    expect(attachments.map((a) => a.name)).toEqual([fileName]);
    const [attachment] = attachments;
    if (!attachment) throw new Error('no attachment on the server');
    expect((await alice.attachmentBytes(attachment.id)).equals(fileBytes)).toBe(true);
    expect(await bob.commentsOf(taskId)).toHaveLength(1);
  } finally {
    await alice.signOut();
  }
}, 120_000);
