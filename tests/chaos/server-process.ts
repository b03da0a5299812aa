import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { distDir, repoRoot } from '../support/paths.js';

// The built server as a process the chaos run can kill and start again on the same SQLite file
// and port (stack.ts starts it once, with a fresh folder, and cannot do that).
export interface ServerProcess {
  /** http://127.0.0.1:<port>, the server itself (the browser goes through the proxy). */
  readonly url: string;
  running(): boolean;
  start(): Promise<void>;
  /** SIGKILL is a crash (no shutdown hook); SIGTERM is a graceful stop. */
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

export interface ServerProcessOptions {
  port: number;
  dbFile: string;
  /** The origin the browser sees (the proxy): the CSRF guard accepts it. */
  publicUrl: string;
}

export function serverProcess({ port, dbFile, publicUrl }: ServerProcessOptions): ServerProcess {
  const main = path.join(repoRoot, 'server/dist/main.js');
  if (!existsSync(main)) {
    throw new Error('server/dist/ is missing: run `npm run build` first (npm test does).');
  }
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  async function start(): Promise<void> {
    if (child) throw new Error('the server is running already');
    const started = spawn(process.execPath, [main], {
      cwd: repoRoot,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: publicUrl,
        DATABASE_URL: `sqlite:${dbFile}`,
        WEB_ROOT: distDir,
        // Only seeds an empty database: a restart keeps what the run wrote.
        SEED_DEMO: '1',
        LOG_LEVEL: 'warn',
        // Set, so each start skips asking git for the build id.
        BUILD_ID: 'chaos',
      },
      // Its start banner would fill the test output at every restart; errors still show.
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child = started;
    exited = new Promise((resolve) =>
      started.once('exit', () => {
        if (child === started) child = null;
        resolve();
      }),
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`server exited with ${started.exitCode}`);
      try {
        if ((await fetch(`${url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('server did not answer /api/health in 30 s');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  return {
    url,
    running: () => child !== null,
    start,
    async stop(signal) {
      if (!child) return;
      child.kill(signal);
      await exited;
    },
  };
}
