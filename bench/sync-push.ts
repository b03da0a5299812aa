import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { buildApp } from '../server/src/app.js';
import { parseConfig } from '../server/src/config.js';
import { migrateToLatest, openDatabase } from '../server/src/db/index.js';
import { seedDemoIfEmpty } from '../server/src/demo/seed.js';
import type { App } from '../server/src/http/types.js';
import { measureEachDialect, type Database, type NewDatabase } from './support/databases.js';
import { median, printTable, type Row } from './store/report.js';

// POST /api/sync/push alone (issue 4's "flush of 1,000 queued mutations ≤ 3 s"): the server
// in-process (inject, no network, no browser) on a fresh database per run, alice pushing 1,000
// comment.add in pushes of 500 and of 200, each push timed. SQLite as the server opens it (WAL);
// PostgreSQL on the tests' throwaway cluster (fsync off!) or BENCH_POSTGRES_URL (a server where
// scratch databases may be created), skipped when neither is there.
const total = Number(process.env['BENCH_PUSH_MUTATIONS'] ?? 1000);
const runs = Number(process.env['BENCH_PUSH_RUNS'] ?? 5);
const sizes = (process.env['BENCH_PUSH_SIZES'] ?? '500,200').split(',').map(Number);
const origin = 'http://127.0.0.1:8080';

/** The app on a fresh seeded database, with alice signed in; returns her push function. */
async function start(database: Database) {
  const opened = openDatabase(database.url);
  await migrateToLatest(opened.db);
  await seedDemoIfEmpty(opened.db, { scryptLogN: 10 });
  const config = parseConfig({
    HOST: '127.0.0.1',
    PORT: '8080',
    PUBLIC_URL: origin,
    LOG_LEVEL: 'silent',
    SCRYPT_LOG_N: '10',
    DATABASE_URL: database.url,
    WEB_ROOT: '/nonexistent-web-root',
  });
  const app: App = await buildApp({ config, db: opened.db });
  const signIn = await app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { origin },
    payload: { email: 'alice@demo.test', password: 'demo-password' },
  });
  if (signIn.statusCode !== 200) throw new Error(`sign-in: ${signIn.statusCode} ${signIn.body}`);
  const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const push = async (clientId: string, mutations: unknown[]) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { origin, cookie },
      payload: { clientId, mutations },
    });
    if (response.statusCode !== 200) {
      throw new Error(`push: ${response.statusCode} ${response.body.slice(0, 300)}`);
    }
    return response.json<{ results: { seq: number; status: string }[] }>().results;
  };
  return {
    db: opened.db,
    push,
    async close() {
      await app.close();
      await opened.close();
    },
  };
}

function mutation(seq: number, name: string, args: unknown) {
  return { id: randomUUID(), seq, name, args, createdAt: new Date().toISOString() };
}

/** One run: 4 tasks made first (not timed), then `total` comments on them in pushes of `size`. */
async function run(newDatabase: NewDatabase, size: number): Promise<number[]> {
  const database = await newDatabase();
  const server = await start(database);
  try {
    const setup = randomUUID();
    const taskIds = Array.from({ length: 4 }, () => randomUUID());
    await server.push(
      setup,
      taskIds.map((id, i) =>
        mutation(i + 1, 'task.create', {
          id,
          type: 'manual',
          channel: 'internal',
          title: `Bench task ${i}`,
          description: '',
          customerName: 'Emma Jensen',
          customerPhone: null,
          customerEmail: null,
          contactId: null,
          priority: 3,
          skills: [],
          dueAt: null,
          assigneeId: null,
        }),
      ),
    );
    const clientId = randomUUID();
    const all = Array.from({ length: total }, (_, i) =>
      mutation(i + 1, 'comment.add', {
        id: randomUUID(),
        taskId: taskIds[i % taskIds.length],
        body: `Bench comment ${i + 1}: called the customer, no answer, will try again later.`,
        attachments: [],
      }),
    );
    const times: number[] = [];
    for (let i = 0; i < all.length; i += size) {
      const started = performance.now();
      const results = await server.push(clientId, all.slice(i, i + size));
      times.push(performance.now() - started);
      const ok = results.filter((r) => r.status === 'ok').length;
      if (ok !== Math.min(size, all.length - i)) throw new Error(`only ${ok} ok in a push`);
    }
    const stored = await server.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('task_id', 'in', taskIds)
      .executeTakeFirstOrThrow();
    if (Number(stored.n) !== total) throw new Error(`${stored.n} comments stored for ${total}`);
    return times;
  } finally {
    await server.close();
    await database.drop();
  }
}

async function measure(label: string, newDatabase: NewDatabase): Promise<Row[]> {
  const rows: Row[] = [];
  for (const size of sizes) {
    const totals: number[] = [];
    const perPush: number[] = [];
    for (let i = 0; i < runs; i++) {
      const times = await run(newDatabase, size);
      totals.push(times.reduce((a, b) => a + b, 0));
      perPush.push(...times);
    }
    const pushes = Math.ceil(total / size);
    rows.push({
      measure: `${label}: ${total} comment.add in ${pushes} × ${size}`,
      runs: totals,
      goalMs: 3000,
      note: `all pushes; one push median ${median(perPush).toFixed(0)} ms, ${((median(totals) / total) * 1000).toFixed(0)} µs a mutation`,
    });
  }
  return rows;
}

const started = new Date();
const load = os.loadavg()[0]?.toFixed(1);
const rows = await measureEachDialect(measure);
console.log(
  `\nPOST /api/sync/push, in-process, ${started.toISOString()}; median of ${runs} runs; ` +
    `load average ${load} → ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores.`,
);
printTable(rows);
