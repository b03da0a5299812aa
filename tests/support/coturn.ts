import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';

// coturn for a test: deploy/coturn/run.sh on 127.0.0.1 with the stack's SIP secret (TURN REST
// credentials are the SIP credentials), loopback peers allowed (the browsers are on 127.0.0.1).

export interface RunningCoturn {
  port: number;
  stop(): Promise<void>;
}

/** coturn answers a STUN binding request (RFC 5389) on its UDP port. */
function stunAnswers(port: number, timeoutMs = 300): Promise<boolean> {
  return new Promise((done) => {
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(ok: boolean): void {
      clearTimeout(timer);
      socket.close();
      done(ok);
    }
    socket.once('error', () => finish(false));
    socket.once('message', () => finish(true));
    const request = Buffer.concat([
      Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]),
      randomBytes(12),
    ]);
    socket.send(request, port, '127.0.0.1');
  });
}

export async function startCoturn(options: {
  secret: string;
  port: number;
  dir: string;
  relayPorts: [number, number];
}): Promise<RunningCoturn> {
  mkdirSync(options.dir, { recursive: true });
  const logFile = path.join(options.dir, 'coturn.log');
  const fd = openSync(logFile, 'a', 0o600);
  const child = spawn('bash', [path.join(repoRoot, 'deploy/coturn/run.sh')], {
    env: {
      ...process.env,
      SIP_SECRET: options.secret,
      TURN_PORT: String(options.port),
      TURN_PORT_MIN: String(options.relayPorts[0]),
      TURN_PORT_MAX: String(options.relayPorts[1]),
      TURN_RUN_DIR: options.dir,
      TURN_ALLOW_LOOPBACK: '1',
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 15_000;
  while (!(await stunAnswers(options.port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`coturn did not start:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
    }
  }
  return { port: options.port, stop };
}
