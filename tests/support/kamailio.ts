import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Starts the real Kamailio (deploy/kamailio/run.sh) on free loopback ports with a random secret,
// as the start script does, and stops exactly that process. Used by the SIP integration tests,
// the end-to-end stack and the benchmarks.

const RUN_SH = resolve(import.meta.dirname, '../../deploy/kamailio/run.sh');

export interface RunningKamailio {
  secret: string;
  domain: string;
  wsPort: number;
  udpPort: number;
  trunkPort: number;
  wsUrl: string;
  log(): string;
  stop(): Promise<void>;
}

async function freeTcpPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

async function udpFree(port: number): Promise<boolean> {
  const socket = dgram.createSocket('udp4');
  return new Promise((done) => {
    socket.once('error', () => done(false));
    socket.bind(port, '127.0.0.1', () => socket.close(() => done(true)));
  });
}

/** A port free for TCP and UDP (Kamailio listens on both for the device port). */
async function freePort(taken: Set<number>): Promise<number> {
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

export async function startKamailio(timeoutMs = 30_000): Promise<RunningKamailio> {
  const taken = new Set<number>();
  const [wsPort, udpPort, trunkPort] = [
    await freePort(taken),
    await freePort(taken),
    await freePort(taken),
  ] as [number, number, number];
  const secret = randomBytes(24).toString('hex');
  const runDir = mkdtempSync(join(tmpdir(), 'sb-kamailio-'));
  const domain = '127.0.0.1';
  let output = '';
  const child: ChildProcess = spawn('bash', [RUN_SH], {
    env: {
      ...process.env,
      SIP_SECRET: secret,
      SIP_DOMAIN: domain,
      SIP_WS_PORT: String(wsPort),
      SIP_UDP_PORT: String(udpPort),
      SIP_TRUNK_PORT: String(trunkPort),
      KAMAILIO_RUN_DIR: runDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += String(d)));
  child.stderr?.on('data', (d: Buffer) => (output += String(d)));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(wsPort))) {
    if (exitCode !== undefined || Date.now() > deadline) {
      child.kill('SIGTERM');
      rmSync(runDir, { recursive: true, force: true });
      throw new Error(
        `Kamailio did not start (deploy/kamailio/run.sh ${
          exitCode === undefined ? `not listening after ${timeoutMs} ms` : `exited with ${exitCode}`
        }). Is Kamailio installed (scripts/lib/kamailio.sh installs it as root)?\n${output}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    secret,
    domain,
    wsPort,
    udpPort,
    trunkPort,
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    log: () => output,
    async stop() {
      if (exitCode === undefined) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}
