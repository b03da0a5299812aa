import { mkdirSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { runDir } from './paths.js';

// Debian's Firefox ESR (scripts/lib/ensure.sh installs it) driven by puppeteer-core over
// WebDriver BiDi: Playwright only drives its own patched Firefox, which cannot be downloaded here.

export const firefoxExecutable = '/usr/bin/firefox-esr';

/**
 * Where the Firefox tests keep their stack and profiles: next to the Playwright run's folder, so
 * E2E_RUN_DIR keeps two whole runs apart and a Firefox run never wipes a Chromium one.
 */
export const firefoxRunDir = path.resolve(process.env['FIREFOX_RUN_DIR'] ?? `${runDir}-firefox`);

/** Fake microphone and camera, and no prompt for them, notifications or persistent storage. */
const prefs: Record<string, unknown> = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'permissions.default.microphone': 1,
  'permissions.default.camera': 1,
  'permissions.default.desktop-notification': 2,
  // navigator.storage.persist() asks the user; headless, that prompt is never answered and the
  // promise never settles. Firefox's own test prefs answer it: allowed.
  'dom.storageManager.prompt.testing': true,
  'dom.storageManager.prompt.testing.allow': true,
  // No Mozilla push service: nothing outside the machine is reachable in a test run anyway.
  'dom.push.connection.enabled': false,
};

export interface FirefoxOptions {
  /** Holds `profile/` (kept across relaunches) and `home/` (Firefox wants a writable HOME). */
  dir: string;
  viewport?: { width: number; height: number };
}

export interface RunningFirefox {
  browser: Browser;
  profileDir: string;
  /** The tab Firefox opened at start. */
  page(): Promise<Page>;
  close(): Promise<void>;
  /** Close and start again on the same profile: service workers, IndexedDB, cookies stay. */
  relaunch(): Promise<RunningFirefox>;
}

export async function launchFirefox(options: FirefoxOptions): Promise<RunningFirefox> {
  const profileDir = path.join(options.dir, 'profile');
  const homeDir = path.join(options.dir, 'home');
  mkdirSync(profileDir, { recursive: true });
  mkdirSync(homeDir, { recursive: true });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxExecutable,
    headless: true,
    userDataDir: profileDir,
    env: { ...process.env, HOME: homeDir },
    extraPrefsFirefox: prefs,
    defaultViewport: options.viewport ?? { width: 1280, height: 800 },
  });
  return {
    browser,
    profileDir,
    async page() {
      const [first] = await browser.pages();
      return first ?? (await browser.newPage());
    },
    close: () => browser.close(),
    async relaunch() {
      await browser.close();
      return launchFirefox(options);
    },
  };
}

/** Resolves once a service worker controls `page` (it claims clients on activate). */
export async function waitForServiceWorkerControl(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout });
}
