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

// Firefox reaches the server through a proxy that plays "server down": BiDi offline mode would
// leave the service worker's own fetches online, and navigator.onLine stays true either way.

let proxy: TcpProxy;
let firefox: RunningFirefox | undefined;
let page: Page;

// One signed-in profile for both cases: the second needs what the first left in it.

beforeAll(async () => {
  proxy = await startTcpProxy({ targetPort: inject('firefoxServerPort') });
  firefox = await launchFirefox({ dir: path.join(firefoxRunDir, 'offline-shell') });
  page = await firefox.page();
});

afterAll(async () => {
  await firefox?.close();
  await proxy.close();
});

it('signs in, then opens the shell from the service worker while the server refuses', async () => {
  const signIn = new SignInPage(page, proxy.url);
  await signIn.open();
  await signIn.signIn('alice@demo.test');
  const shell = new ShellPage(page);
  await shell.expectFrame('Alice Anders');
  await shell.expectTasks();
  await waitForServiceWorkerControl(page);

  proxy.setMode('refuse');
  proxy.resetCounts();
  await page.reload();
  // The page, its scripts and styles come from the precache; who we are from the remembered /me.
  await shell.expectFrame('Alice Anders');
  // The server really was unreachable for this page: /api/ is never answered from a cache.
  expect(await shell.fetchFromPage('/api/me')).toBe('failed');
  expect(proxy.counts().refused).toBeGreaterThan(0);
  expect(proxy.counts().passed).toBe(0);

  // navigator.onLine stayed true: the server is down, not the network, so no "Offline". With
  // Firefox's offline switch too (the page's fetches and onLine; the worker's are the proxy's job)
  // the machine looks offline, and the shell says so.
  await page.setOfflineMode(true);
  await page.reload();
  await shell.expectFrame('Alice Anders');
  await shell.expectStatus('Offline');

  // Back on line. A document loaded while BiDi-offline gets navigator.onLine true again but no
  // 'online' event (Firefox 153 ESR), so a reload reads the state afresh.
  proxy.setMode('pass');
  await page.setOfflineMode(false);
  await page.reload();
  await shell.expectTasks();
  await shell.expectStatus('Offline', false);
  expect(await shell.fetchFromPage('/api/me')).toBe(200);
});

it('opens the shell after a Firefox restart while the server still refuses', async () => {
  proxy.setMode('refuse');
  proxy.resetCounts();
  if (!firefox) throw new Error('Firefox did not start');
  firefox = await firefox.relaunch();
  page = await firefox.page();
  // A cold start: the service worker, its cache and the remembered session came from the profile.
  await page.goto(`${proxy.url}/tasks`);
  const shell = new ShellPage(page);
  await shell.expectFrame('Alice Anders');
  expect(proxy.counts().passed).toBe(0);

  proxy.setMode('pass');
  await page.reload();
  await shell.expectTasks();
});
