import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, udpFree } from './kamailio.js';

// sipp (Debian sip-tester) as an outside caller: one call (-m 1), bounded in time, killed by
// stop(). Scenarios live in tests/support/sipp/. scripts/lib/kamailio.sh's ensure_sipp installs it
// (outside the isolated network namespace: the test script must call it before run_isolated).

export const SIPP = '/usr/bin/sipp';

export interface SippCall {
  callId: string;
  /** Resolves when sipp exits: its exit code (0 = the call went as scripted) and output. */
  done: Promise<{ code: number | null; output: string }>;
  output(): string;
  stop(): Promise<void>;
}

export interface SippOptions {
  scenario: string;
  /** Kamailio's UDP port to send to (127.0.0.1). */
  port: number;
  /** The [service] of the scenario: the user part dialled. */
  service: string;
  /** Global limit for sipp in seconds; it fails when it is reached. */
  timeoutSeconds?: number;
}

export async function startSipp(options: SippOptions): Promise<SippCall> {
  if (!existsSync(SIPP)) {
    throw new Error(
      'sipp is missing: run `. scripts/lib/kamailio.sh && ensure_sipp` as root (Debian sip-tester).',
    );
  }
  const taken = new Set<number>();
  const sipPort = await freePort(taken);
  // play_pcap_audio sends from the media port; RTP and RTCP need two.
  let mediaPort = await freePort(taken);
  while (!(await freePortPair(mediaPort, taken))) mediaPort = await freePort(taken);
  const dir = mkdtempSync(join(tmpdir(), 'sb-sipp-'));
  const callId = `outside-${Date.now()}-${process.pid}@127.0.0.1`;
  const args = [
    `127.0.0.1:${options.port}`,
    '-sf',
    resolve(import.meta.dirname, 'sipp', options.scenario),
    '-s',
    options.service,
    '-i',
    '127.0.0.1',
    '-p',
    String(sipPort),
    '-mi',
    '127.0.0.1',
    '-mp',
    String(mediaPort),
    '-t',
    'u1',
    '-m',
    '1',
    '-l',
    '1',
    '-cid_str',
    callId,
    '-timeout',
    `${options.timeoutSeconds ?? 40}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_err',
    '-trace_msg',
  ];
  let output = '';
  const child = spawn(SIPP, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d: Buffer) => (output = (output + String(d)).slice(-20_000)));
  child.stderr.on('data', (d: Buffer) => (output += String(d)));
  const done = new Promise<{ code: number | null; output: string }>((settle) =>
    child.once('exit', (code) => settle({ code, output: output + traces(dir) })),
  );
  return {
    callId,
    done,
    output: () => output + traces(dir),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await done;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freePortPair(port: number, taken: Set<number>): Promise<boolean> {
  if (taken.has(port + 2) || !(await udpFree(port + 2))) return false;
  taken.add(port + 2);
  return true;
}

/** sipp's message and error traces (in its working folder), for failure reports. */
function traces(dir: string): string {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.log'))
      .map((f) => `\n--- ${f}\n${readFileSync(join(dir, f), 'utf8').slice(-8000)}`)
      .join('');
  } catch {
    return '';
  }
}
