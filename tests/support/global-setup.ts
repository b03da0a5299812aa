import { e2ePort, e2eSmtpPort } from './browser.js';
import { runDir } from './paths.js';
import { startStack } from './stack.js';

// One real stack for the whole end-to-end run (paths.ts names its folders for the specs).
// Kamailio's ports go to the workers through the environment (sipPorts() in sip-ports.ts).
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startStack({ port: e2ePort, smtpPort: e2eSmtpPort, sip: true, dir: runDir });
  if (stack.kamailio) {
    process.env['E2E_SIP_WS_PORT'] = String(stack.kamailio.wsPort);
    process.env['E2E_SIP_UDP_PORT'] = String(stack.kamailio.udpPort);
    process.env['E2E_SIP_TRUNK_PORT'] = String(stack.kamailio.trunkPort);
  }
  return stack.stop;
}
