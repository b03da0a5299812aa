import path from 'node:path';
import { readControl, restartKamailio } from './kamailio.js';
import { runDir } from './paths.js';

/**
 * The e2e stack's Kamailio control file (stack.ts writes it): pids, ports, secret. Playwright's
 * global setup owns the processes; a spec in a worker restarts Kamailio through this file and the
 * stack's teardown stops whatever pid it names by then.
 */
export const kamailioControlFile = path.join(runDir, 'kamailio.json');

/** Restart the e2e stack's Kamailio (same ports and secret; registrations are forgotten). */
export async function restartE2eKamailio(): Promise<void> {
  await restartKamailio(kamailioControlFile);
}

/** The current Kamailio and rtpengine pids of the e2e stack. */
export function e2eSipPids(): { kamailio: number; rtpengine: number } {
  const control = readControl(kamailioControlFile);
  return { kamailio: control.kamailioPid, rtpengine: control.rtpenginePid };
}

/** rtpengine's ng control port in the e2e stack. */
export function e2eRtpenginePort(): number {
  return readControl(kamailioControlFile).rtpenginePort;
}
