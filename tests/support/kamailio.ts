import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// Starts the real Kamailio (deploy/kamailio/run.sh) and its media relay rtpengine
// (deploy/rtpengine/run.sh) on free loopback ports with a random secret, as the start script
// does, and stops exactly those processes. Used by the SIP integration tests, the end-to-end
// stack and the benchmarks.
//
// With `controlFile`, the pids, ports, secret and folders are also written to that JSON file, so
// another process (a Playwright worker) can restart Kamailio with restartKamailio(controlFile)
// and whoever stops the stack stops the pid the file holds then.

const KAMAILIO_RUN_SH = resolve(import.meta.dirname, '../../deploy/kamailio/run.sh');
const RTPENGINE_RUN_SH = resolve(import.meta.dirname, '../../deploy/rtpengine/run.sh');

export interface RunningKamailio {
  secret: string;
  domain: string;
  wsPort: number;
  udpPort: number;
  trunkPort: number;
  wsUrl: string;
  /** SIP over secure WebSocket, with the self-signed certificate run.sh made at start. */
  wssPort: number;
  wssUrl: string;
  /** That certificate (PEM), for a client to trust. */
  tlsCertificate(): string;
  /** rtpengine's ng control port (UDP, 127.0.0.1). */
  rtpenginePort: number;
  /** Kamailio's pid now (a restart changes it). */
  pid(): number;
  /** Kamailio's output since its last (re)start, then rtpengine's. */
  log(): string;
  /** SIGTERM Kamailio, wait until it is gone, start it again with the same ports and secret. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartKamailioOptions {
  timeoutMs?: number;
  /** Write the control file here (for restartKamailio in another process). */
  controlFile?: string;
  /** The Switchboard server Kamailio asks about queue calls (SWITCHBOARD_URL); default :8080. */
  serverUrl?: string;
}

/** What the control file holds. The secret is in it: the file is mode 600. */
export interface KamailioControl {
  kamailioPid: number;
  rtpenginePid: number;
  runDir: string;
  env: Record<string, string>;
  secret: string;
  domain: string;
  wsPort: number;
  udpPort: number;
  trunkPort: number;
  rtpenginePort: number;
}

async function freeTcpPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export async function udpFree(port: number): Promise<boolean> {
  const socket = dgram.createSocket('udp4');
  return new Promise((done) => {
    socket.once('error', () => done(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => done(true)));
  });
}

/** A port free for TCP and UDP (Kamailio listens on both for the device port). */
export async function freePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = await freeTcpPort();
    if (!taken.has(port) && (await udpFree(port))) {
      taken.add(port);
      return port;
    }
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/** rtpengine answers an ng `ping` with `pong`. */
export function rtpengineAnswers(port: number, timeoutMs = 300): Promise<boolean> {
  return new Promise((done) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(ok: boolean): void {
      clearTimeout(timer);
      socket.close();
      done(ok);
    }
    socket.once('error', () => finish(false));
    socket.once('message', (m) => finish(String(m).includes('pong')));
    socket.send('sbping d7:command4:pinge', port, '127.0.0.1');
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie (exited, not yet reaped by its parent) is gone for our purposes.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

/** SIGTERM `pid` (only if its command line names `name`) and wait until it has exited. */
async function terminate(pid: number, name: string, timeoutMs = 10_000): Promise<void> {
  if (!alive(pid)) return;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!cmdline.includes(name)) return; // the pid was reused by something else: not ours
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Starts `script` with its output appended to `logFile`. Detached processes (a restart from a
 * Playwright worker) outlive their starter; the stack's stop ends them by pid.
 */
function launch(script: string, env: Record<string, string>, logFile: string, detached: boolean) {
  const fd = openSync(logFile, 'a', 0o600); // a restart appends
  const child = spawn('bash', [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
    detached,
  });
  closeSync(fd);
  if (detached) child.unref();
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${script}`);
  return { pid, exited: () => exitCode !== undefined, exitCode: () => exitCode };
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function writeControl(file: string, control: KamailioControl): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(control, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function readControl(file: string): KamailioControl {
  return JSON.parse(readFileSync(file, 'utf8')) as KamailioControl;
}

async function startKamailioProcess(
  control: Pick<KamailioControl, 'env' | 'runDir' | 'wsPort'>,
  detached: boolean,
  timeoutMs: number,
): Promise<number> {
  const logFile = join(control.runDir, 'kamailio.log');
  const proc = launch(KAMAILIO_RUN_SH, control.env, logFile, detached);
  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(control.wsPort))) {
    if (proc.exited() || Date.now() > deadline) {
      await terminate(proc.pid, 'kamailio');
      throw new Error(
        `Kamailio did not start (deploy/kamailio/run.sh ${
          proc.exited() ? `exited with ${proc.exitCode()}` : `not listening after ${timeoutMs} ms`
        }). Is Kamailio installed (scripts/lib/kamailio.sh installs it as root)?\n${readLog(logFile)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return proc.pid;
}

async function startRtpengine(
  runDir: string,
  env: Record<string, string>,
  ngPort: number,
  timeoutMs: number,
): Promise<number> {
  const logFile = join(runDir, 'rtpengine.log');
  const proc = launch(RTPENGINE_RUN_SH, env, logFile, false);
  const deadline = Date.now() + timeoutMs;
  while (!(await rtpengineAnswers(ngPort))) {
    if (proc.exited() || Date.now() > deadline) {
      await terminate(proc.pid, 'rtpengine');
      throw new Error(
        `rtpengine did not start (deploy/rtpengine/run.sh ${
          proc.exited() ? `exited with ${proc.exitCode()}` : `silent after ${timeoutMs} ms`
        }). Is rtpengine-daemon installed (scripts/lib/rtpengine.sh installs it as root)?\n${readLog(logFile)}`,
      );
    }
  }
  return proc.pid;
}

export async function startKamailio(
  options: number | StartKamailioOptions = {},
): Promise<RunningKamailio> {
  const {
    timeoutMs = 30_000,
    controlFile,
    serverUrl,
  } = typeof options === 'number' ? { timeoutMs: options } : options;
  const taken = new Set<number>();
  const [wsPort, udpPort, trunkPort, rtpenginePort, wssPort] = [
    await freePort(taken),
    await freePort(taken),
    await freePort(taken),
    await freePort(taken),
    await freePort(taken),
  ] as [number, number, number, number, number];
  const secret = randomBytes(24).toString('hex');
  const runDir = mkdtempSync(join(tmpdir(), 'sb-kamailio-'));
  const domain = '127.0.0.1';
  // rtpengine skips media ports in use; a random block keeps parallel runs from meeting often.
  const portMin = 20_000 + randomInt(0, 300) * 100;
  const env: Record<string, string> = {
    SIP_SECRET: secret,
    SIP_DOMAIN: domain,
    SIP_WS_PORT: String(wsPort),
    SIP_UDP_PORT: String(udpPort),
    SIP_TRUNK_PORT: String(trunkPort),
    SIP_WSS_PORT: String(wssPort),
    RTPENGINE_NG_PORT: String(rtpenginePort),
    RTPENGINE_PORT_MIN: String(portMin),
    RTPENGINE_PORT_MAX: String(portMin + 99),
    KAMAILIO_RUN_DIR: join(runDir, 'kamailio'),
    ...(serverUrl ? { SWITCHBOARD_URL: serverUrl } : {}),
    RTPENGINE_RUN_DIR: join(runDir, 'rtpengine'),
  };
  let rtpenginePid: number;
  let kamailioPid: number;
  try {
    rtpenginePid = await startRtpengine(runDir, env, rtpenginePort, timeoutMs);
  } catch (error) {
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  }
  try {
    kamailioPid = await startKamailioProcess({ env, runDir, wsPort }, false, timeoutMs);
  } catch (error) {
    await terminate(rtpenginePid, 'rtpengine');
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  }
  const control: KamailioControl = {
    kamailioPid,
    rtpenginePid,
    runDir,
    env,
    secret,
    domain,
    wsPort,
    udpPort,
    trunkPort,
    rtpenginePort,
  };
  if (controlFile) writeControl(controlFile, control);
  const current = (): KamailioControl =>
    controlFile && existsSync(controlFile) ? readControl(controlFile) : control;

  return {
    secret,
    domain,
    wsPort,
    udpPort,
    trunkPort,
    rtpenginePort,
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    wssPort,
    wssUrl: `wss://127.0.0.1:${wssPort}`,
    tlsCertificate: () => readFileSync(join(runDir, 'kamailio', 'tls-cert.pem'), 'utf8'),
    pid: () => current().kamailioPid,
    log: () => readLog(join(runDir, 'kamailio.log')) + readLog(join(runDir, 'rtpengine.log')),
    async restart() {
      if (controlFile) {
        await restartKamailio(controlFile);
      } else {
        await terminate(control.kamailioPid, 'kamailio');
        await waitClosed(wsPort);
        control.kamailioPid = await startKamailioProcess(control, false, timeoutMs);
      }
    },
    async stop() {
      if (controlFile && existsSync(controlFile)) {
        await stopFromControlFile(controlFile);
      } else {
        await terminate(control.kamailioPid, 'kamailio');
        await terminate(control.rtpenginePid, 'rtpengine');
        rmSync(runDir, { recursive: true, force: true });
      }
    },
  };
}

async function waitClosed(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await canConnect(port)) {
    if (Date.now() > deadline) throw new Error(`port ${port} still open after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Restarts the Kamailio a control file describes (from any process, e.g. a Playwright worker):
 * SIGTERM, wait until it has exited and its WebSocket port is closed, start deploy/kamailio/run.sh
 * again detached with the same environment (ports, secret), wait until it listens, record the new
 * pid. rtpengine keeps running. Registrations live in memory, so clients must register again.
 */
export async function restartKamailio(controlFile: string, timeoutMs = 30_000): Promise<void> {
  const control = readControl(controlFile);
  await terminate(control.kamailioPid, 'kamailio');
  await waitClosed(control.wsPort);
  control.kamailioPid = await startKamailioProcess(control, true, timeoutMs);
  writeControl(controlFile, control);
}

/**
 * Stops whatever Kamailio and rtpengine a control file names (also left over from an aborted
 * run), then removes their folder and the file. Only pids whose command line names the program.
 */
export async function stopFromControlFile(controlFile: string): Promise<void> {
  let control: KamailioControl;
  try {
    control = readControl(controlFile);
  } catch {
    return;
  }
  await terminate(control.kamailioPid, 'kamailio');
  await terminate(control.rtpenginePid, 'rtpengine');
  // Keep the logs next to the control file for a failure report (the stack wipes that folder
  // at its next start); the rest of the run folder holds the secret and goes.
  for (const name of ['kamailio.log', 'rtpengine.log']) {
    const from = join(control.runDir, name);
    if (existsSync(from)) copyFileSync(from, join(dirname(controlFile), name));
  }
  rmSync(control.runDir, { recursive: true, force: true });
  rmSync(controlFile, { force: true });
}
