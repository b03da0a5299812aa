import { rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { firefoxRunDir } from '../support/firefox.js';
import { freePort } from '../support/kamailio.js';
import { startStack } from '../support/stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built server's port; each test file puts its own tcp-proxy in front of it. */
    firefoxServerPort: number;
  }
}

// One real stack (built server, seeded SQLite, SMTP sink) for the Firefox run, on free ports and
// in its own folder, so it can run beside a Playwright run. Each file reaches it through its own
// proxy: its own origin, so service workers and storage never meet between files.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Profiles of an earlier run hold service workers and cookies for ports that may come again.
  rmSync(firefoxRunDir, { recursive: true, force: true });
  const taken = new Set<number>();
  const port = await freePort(taken);
  const smtpPort = await freePort(taken);
  const stack = await startStack({ port, smtpPort, dir: path.join(firefoxRunDir, 'stack') });
  project.provide('firefoxServerPort', port);
  return stack.stop;
}
