import { readdirSync, readFileSync } from 'node:fs';
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

/** A process and its descendants, read from /proc (Kamailio forks a worker per listener). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat is the parent; the name (field 2) may hold spaces, so split
      // after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const all: number[] = [];
  const walk = (pid: number) => {
    all.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return all;
}

/**
 * Freezes the e2e stack's Kamailio (SIGSTOP to it and its workers): its sockets stay open but
 * nothing answers, like a hung server or a path a NAT silently dropped. Returns the thaw.
 */
export function freezeE2eKamailio(): () => void {
  const pids = processTree(e2eSipPids().kamailio);
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
  return () => {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // exited meanwhile
      }
    }
  };
}
