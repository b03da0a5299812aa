import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { distDir, repoRoot } from './paths.js';
import { startKamailio, stopFromControlFile, type RunningKamailio } from './kamailio.js';
import { startSmtpSink } from './smtp-sink.js';

export interface StackOptions {
  port: number;
  smtpPort: number;
  /** Start Kamailio too (on free ports, with a fresh secret shared with the server). */
  sip?: boolean;
  /** Folder for the database, the served copy of dist/ and the received mail; wiped first. */
  dir: string;
}

export interface Stack {
  baseUrl: string;
  kamailio: RunningKamailio | undefined;
  webRoot: string;
  mailDir: string;
  stop(): Promise<void>;
}

// The real product as the tests and benchmarks see it: an SMTP sink and the built server on a
// fresh SQLite database seeded with the demo instance. The server serves a copy of dist/ so a
// test can put a newer build in its place.
export async function startStack({ port, smtpPort, sip, dir }: StackOptions): Promise<Stack> {
  if (
    !existsSync(path.join(distDir, 'index.html')) ||
    !existsSync(path.join(repoRoot, 'server/dist/main.js'))
  ) {
    throw new Error('dist/ or server/dist/ is missing: run `npm run build` first (npm test does).');
  }
  // Kamailio and rtpengine left by an aborted run in this folder: stop them before wiping it.
  const kamailioControl = path.join(dir, 'kamailio.json');
  await stopFromControlFile(kamailioControl);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const webRoot = path.join(dir, 'web');
  const mailDir = path.join(dir, 'mail');
  cpSync(distDir, webRoot, { recursive: true });

  // The control file lets a spec restart Kamailio (restartE2eKamailio in e2e-sip.ts).
  const baseUrl = `http://127.0.0.1:${port}`;
  // Kamailio asks the server which agent rings for a queue call (ACD).
  const kamailio = sip
    ? await startKamailio({ controlFile: kamailioControl, serverUrl: baseUrl })
    : undefined;
  const stopKamailio = async (): Promise<void> => kamailio?.stop();
  const stopSmtp = await startSmtpSink(smtpPort, mailDir);
  const server = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      DATABASE_URL: `sqlite:${path.join(dir, 'switchboard.db')}`,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      WEB_ROOT: webRoot,
      SEED_DEMO: '1',
      LOG_LEVEL: 'warn',
      ...(kamailio
        ? {
            SIP_SECRET: kamailio.secret,
            SIP_DOMAIN: kamailio.domain,
            SIP_WS_PORT: String(kamailio.wsPort),
            SIP_UDP_PORT: String(kamailio.udpPort),
            SIP_TRUNK_PORT: String(kamailio.trunkPort),
          }
        : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (server.exitCode === null) server.kill('SIGTERM');
    await exited;
    await stopSmtp();
    await stopKamailio();
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) {
      await stopSmtp();
      await stopKamailio();
      throw new Error(`server exited with ${server.exitCode} during start`);
    }
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('server did not answer /api/health within 30 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { baseUrl, kamailio, webRoot, mailDir, stop };
}
