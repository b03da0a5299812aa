import { e2ePort, e2eSmtpPort } from './browser.js';
import { runDir } from './paths.js';
import { startStack } from './stack.js';

// One real stack for the whole end-to-end run (paths.ts names its folders for the specs).
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startStack({
    port: e2ePort,
    smtpPort: e2eSmtpPort,
    sip: true,
    dir: runDir,
  });
  return stack.stop;
}
