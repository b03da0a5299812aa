import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../app.js';
import { parseConfig, type Config } from '../config.js';
import { migrateToLatest, openDatabase, type Db, type Dialect } from '../db/index.js';
import { createScratchDatabase, dropScratchDatabase } from '../db/scratch.js';
import { seedDemoIfEmpty } from '../demo/seed.js';
import type { App } from '../http/types.js';
import { createMailer } from '../mail/mailer.js';
import { Mailbox } from './mailbox.js';

export const TEST_PUBLIC_URL = 'http://127.0.0.1:8080';
export const TEST_ORIGIN = new URL(TEST_PUBLIC_URL).origin;

export function testDialect(): Dialect {
  return process.env['TEST_DB'] === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestDatabase {
  url: string;
  dialect: Dialect;
  db: Db;
  close(): Promise<void>;
}

/** A fresh, migrated database for one test file: a temp SQLite file or a new PostgreSQL database. */
export async function createTestDatabase(
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (testDialect() === 'postgres') {
    const server = inject('postgresServerUrl');
    url = await createScratchDatabase(server);
    cleanup = () => dropScratchDatabase(server, url);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'sb-sqlite-'));
    url = `sqlite:${join(dir, 'test.db')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const opened = openDatabase(url);
  if (options.migrate !== false) await migrateToLatest(opened.db);
  return {
    url,
    dialect: opened.dialect,
    db: opened.db,
    async close() {
      await opened.close();
      await cleanup();
    },
  };
}

/** A clock tests move by hand. */
export class TestClock {
  #now: number;
  constructor(start = Date.now()) {
    this.#now = start;
  }
  readonly now = (): Date => new Date(this.#now);
  advance(ms: number): void {
    this.#now += ms;
  }
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({
    HOST: '127.0.0.1',
    PORT: '8080',
    PUBLIC_URL: TEST_PUBLIC_URL,
    LOG_LEVEL: 'silent',
    SCRYPT_LOG_N: '10',
    BUILD_ID: 'test',
    APP_VERSION: '0.0.0-test',
    WEB_ROOT: '/nonexistent-web-root',
    ...overrides,
  });
}

export interface TestApp {
  app: App;
  db: Db;
  dialect: Dialect;
  config: Config;
  mailbox: Mailbox;
  clock: TestClock;
  client(options?: { remoteAddress?: string }): TestClient;
  close(): Promise<void>;
}

/** A whole app on a fresh database and a real local SMTP server; `seed` adds the demo tenants. */
export async function createTestApp(
  options: { seed?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const mailbox = new Mailbox();
  await mailbox.start();
  const config = testConfig({
    DATABASE_URL: database.url,
    SMTP_URL: mailbox.url,
    ...options.env,
  });
  const clock = new TestClock();
  if (options.seed)
    await seedDemoIfEmpty(database.db, { clock: clock.now, scryptLogN: config.scryptLogN });
  const mailer = createMailer(config.smtpUrl, config.smtpFrom, { info() {} });
  const app = await buildApp({
    config,
    db: database.db,
    mailer,
    clock: clock.now,
    sweepers: false,
  });
  return {
    app,
    db: database.db,
    dialect: database.dialect,
    config,
    mailbox,
    clock,
    client: (clientOptions) => new TestClient(app, clientOptions?.remoteAddress),
    async close() {
      await app.close();
      mailer.close();
      await mailbox.stop();
      await database.close();
    },
  };
}

type Body = Record<string, unknown>;

/** inject() with our Origin and a cookie jar, like a browser tab of the PWA. */
export class TestClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly app: App,
    private readonly remoteAddress = '127.0.0.1',
  ) {}

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.app.inject({
      remoteAddress: this.remoteAddress,
      ...options,
      headers: {
        origin: TEST_ORIGIN,
        ...(cookie ? { cookie } : {}),
        ...options.headers,
      },
    });
    for (const c of response.cookies as {
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      const expired =
        c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now());
      if (expired || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: 'GET', url, headers });
  }

  post(url: string, body?: Body, headers: Record<string, string> = {}) {
    return this.request({
      method: 'POST',
      url,
      headers,
      ...(body === undefined ? {} : { payload: body }),
    });
  }

  delete(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: 'DELETE', url, headers });
  }

  async signIn(email: string, password = 'demo-password') {
    const response = await this.post('/api/session', { email, password });
    if (response.statusCode !== 200) {
      throw new Error(`sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
    }
    return response.json<MeBody>();
  }
}

export interface MeBody {
  user: { id: string; email: string; name: string; serviceProvider: boolean };
  memberships: {
    instanceId: string;
    instanceName: string;
    role: string;
    extension: string | null;
  }[];
  currentInstance: { id: string; name: string; role: string } | null;
  lastInstanceId: string | null;
}
