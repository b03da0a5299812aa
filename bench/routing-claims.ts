import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { buildApp } from '../server/src/app.js';
import { parseConfig } from '../server/src/config.js';
import { migrateToLatest, openDatabase, type Db } from '../server/src/db/index.js';
import { seedDemoIfEmpty } from '../server/src/demo/seed.js';
import { playNext } from '../server/src/routing/play.js';
import { checkHolders, runClaimRace } from '../server/src/test-support/claim-race.js';
import { measureEachDialect, type NewDatabase } from './support/databases.js';
import { median, quantile, reportRun, type Row } from './store/report.js';

// Issue 6's "claim latency p50/p99 under 200 concurrent agents, 0 double assignments": 200 agents
// of the Demo instance press Play at once, over and over, until the queue of waiting tasks is
// empty; each Play (read the queue, claim with the one conditional UPDATE, log, record changes)
// is timed. In-process, on a fresh database per run: SQLite as the server opens it (one writer,
// so the 200 queue up behind each other) and PostgreSQL on the tests' throwaway cluster (fsync off)
// or BENCH_POSTGRES_URL. Afterwards every task must have exactly the agent whose Play returned it.
// Two loads: "burst", every agent pressing Play again the moment the last one answered (200
// requests always in flight: the latency is mostly the queue in front of each), and "paced", each
// agent working a while between Plays, as a floor of 200 agents would.
const agents = Number(process.env['BENCH_AGENTS'] ?? 200);
const tasks = Number(process.env['BENCH_TASKS'] ?? 2000);
const runs = Number(process.env['BENCH_CLAIM_RUNS'] ?? 3);
/** Paced: each agent works a random 0..2×this between two Plays (about 200 Plays a second). */
const thinkMs = Number(process.env['BENCH_THINK_MS'] ?? 1000);
const origin = 'http://127.0.0.1:8080';
/** The multi-process run: the 10k tasks over this many processes. */
const raceTasks = Number(process.env['BENCH_RACE_TASKS'] ?? 10_000);
const raceWorkers = Number(process.env['BENCH_RACE_WORKERS'] ?? 4);

/** The Demo instance with `agents` more agents (support skill) and `tasks` waiting tasks. */
async function prepare(db: Db, url: string): Promise<{ instanceId: string; agentIds: string[] }> {
  await migrateToLatest(db);
  await seedDemoIfEmpty(db, { scryptLogN: 10 });
  const instance = await db
    .selectFrom('instances')
    .select('id')
    .where('name', '=', 'Demo')
    .executeTakeFirstOrThrow();
  // Nothing of the seed waits, so the queue is exactly the bench's tasks.
  await db.updateTable('tasks').set({ status: 'resolved' }).execute();
  const now = new Date().toISOString();
  const agentIds = Array.from({ length: agents }, () => randomUUID());
  for (let i = 0; i < agentIds.length; i += 100) {
    const chunk = agentIds.slice(i, i + 100);
    await db
      .insertInto('users')
      .values(
        chunk.map((id, j) => ({
          id,
          email: `bench-agent-${i + j}@demo.test`,
          name: `Bench Agent ${i + j}`,
          password_hash: null,
          service_provider: 0,
          last_instance_id: instance.id,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await db
      .insertInto('memberships')
      .values(
        chunk.map((user_id) => ({
          instance_id: instance.id,
          user_id,
          role: 'agent' as const,
          extension: null,
          created_at: now,
          skills: JSON.stringify(['support']),
        })),
      )
      .execute();
  }
  await createTasks(url, instance.id);
  return { instanceId: instance.id, agentIds };
}

/** The tasks come in as a team leader's task.create pushes, as the PWA would send them. */
async function createTasks(url: string, instanceId: string): Promise<void> {
  const opened = openDatabase(url);
  const config = parseConfig({
    HOST: '127.0.0.1',
    PORT: '8080',
    PUBLIC_URL: origin,
    LOG_LEVEL: 'silent',
    SCRYPT_LOG_N: '10',
    DATABASE_URL: url,
    WEB_ROOT: '/nonexistent-web-root',
  });
  const app = await buildApp({ config, db: opened.db });
  try {
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { origin },
      payload: { email: 'carol@demo.test', password: 'demo-password' },
    });
    const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    await app.inject({
      method: 'POST',
      url: '/api/session/instance',
      headers: { origin, cookie },
      payload: { instanceId },
    });
    const clientId = randomUUID();
    for (let i = 0; i < tasks; i += 500) {
      const mutations = Array.from({ length: Math.min(500, tasks - i) }, (_, j) => ({
        id: randomUUID(),
        seq: i + j + 1,
        name: 'task.create',
        createdAt: new Date().toISOString(),
        args: {
          id: randomUUID(),
          type: 'manual',
          channel: 'internal',
          title: `Waiting task ${i + j}`,
          description: '',
          customerName: 'Emma Jensen',
          customerPhone: null,
          customerEmail: null,
          contactId: null,
          priority: 1 + ((i + j) % 5),
          skills: (i + j) % 3 === 0 ? ['support'] : [],
          dueAt: null,
          assigneeId: null,
        },
      }));
      const response = await app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: { origin, cookie },
        payload: { clientId, mutations },
      });
      if (response.statusCode !== 200) throw new Error(`push: ${response.body.slice(0, 300)}`);
    }
  } finally {
    await app.close();
    await opened.close();
  }
}

interface RunResult {
  latencies: number[];
  doubles: number;
  wrongAssignee: number;
  left: number;
}

async function run(newDatabase: NewDatabase, think: number): Promise<RunResult> {
  const database = await newDatabase();
  const opened = openDatabase(database.url);
  try {
    const { instanceId, agentIds } = await prepare(opened.db, database.url);
    const deps = { db: opened.db, clock: () => new Date(), poker: { poke() {} } };
    const latencies: number[] = [];
    const claims: { taskId: string; agentId: string }[] = [];
    await Promise.all(
      agentIds.map(async (userId) => {
        const actor = { instanceId, userId, role: 'agent' as const };
        // Paced agents also start at different moments, as a shift does.
        if (think > 0) await new Promise((r) => setTimeout(r, Math.random() * 2 * think));
        for (;;) {
          const started = performance.now();
          const taskId = await playNext(deps, actor);
          latencies.push(performance.now() - started);
          if (taskId === null) return;
          claims.push({ taskId, agentId: userId });
          if (think > 0) await new Promise((r) => setTimeout(r, Math.random() * 2 * think));
        }
      }),
    );
    const rows = await opened.db
      .selectFrom('tasks')
      .select(['id', 'assignee_id', 'status'])
      .where('instance_id', '=', instanceId)
      .where('status', '=', 'open')
      .execute();
    return { latencies, ...checkHolders(claims, rows) };
  } finally {
    await opened.close();
    await database.drop();
  }
}

async function measure(label: string, newDatabase: NewDatabase): Promise<Row[]> {
  return [
    ...(await measureLoad(`${label}, burst`, newDatabase, 0)),
    ...(await measureLoad(`${label}, paced`, newDatabase, thinkMs)),
    ...(await measureProcesses(`${label}, ${raceWorkers} processes`, newDatabase)),
  ];
}

/**
 * The full concurrency run: `agents` agents in several OS processes, each with its own
 * connection to one database, over `raceTasks` tasks, in a burst (claim-race.ts checks every task
 * once, none lost, routing order kept).
 */
async function measureProcesses(label: string, newDatabase: NewDatabase): Promise<Row[]> {
  const p50s: number[] = [];
  const p99s: number[] = [];
  const faults: string[] = [];
  const retries: number[] = [];
  for (let i = 0; i < runs; i++) {
    const database = await newDatabase();
    try {
      const result = await runClaimRace({
        url: database.url,
        agents,
        tasks: raceTasks,
        workers: raceWorkers,
      });
      const ms = result.claims.map((c) => c.ms);
      p50s.push(median(ms));
      p99s.push(quantile(ms, 0.99));
      const { doubles, wrongAssignee, left, outOfOrder } = result;
      retries.push(result.busyRetries);
      if (doubles + wrongAssignee + left + outOfOrder > 0)
        faults.push(
          `${doubles} doubles, ${wrongAssignee} wrong, ${left} left, ${outOfOrder} out of order`,
        );
    } finally {
      await database.drop();
    }
  }
  const note =
    faults.length === 0
      ? `0 double assignments, 0 lost, 0 out of order over ${runs} runs; Plays pressed again after the 5 s lock wait: ${retries.join(', ')}`
      : `FAULTS: ${faults.join('; ')}`;
  if (faults.length > 0) console.error(`${label}: ${note}`);
  return [
    { measure: `${label}: Play p50, ${agents} agents, ${raceTasks} tasks`, runs: p50s },
    { measure: `${label}: Play p99 (burst)`, runs: p99s, note },
  ];
}

async function measureLoad(label: string, newDatabase: NewDatabase, think: number) {
  const p50s: number[] = [];
  const p99s: number[] = [];
  let doubles = 0;
  let wrong = 0;
  let left = 0;
  for (let i = 0; i < runs; i++) {
    const result = await run(newDatabase, think);
    p50s.push(median(result.latencies));
    p99s.push(quantile(result.latencies, 0.99));
    doubles += result.doubles;
    wrong += result.wrongAssignee;
    left += result.left;
  }
  const note = `${doubles} double assignments, ${wrong} tasks with another assignee, ${left} left waiting`;
  if (doubles + wrong + left > 0) console.error(`${label}: ${note}`);
  const rows: Row[] = [
    { measure: `${label}: Play p50, ${agents} agents, ${tasks} tasks`, runs: p50s },
    // The goal is for agents at work (paced); a burst measures the queue in front of each Play.
    think > 0
      ? { measure: `${label}: Play p99`, runs: p99s, goalMs: 50, note }
      : { measure: `${label}: Play p99`, runs: p99s, note },
  ];
  return rows;
}

const loadAtStart = os.loadavg()[0] ?? NaN;
const rows = await measureEachDialect(measure);
await reportRun({
  name: 'routing-claims',
  title: 'Play claims under 200 agents (issue 6)',
  describe: (when, built) =>
    `Measured ${when} UTC on ${built} by \`npm run bench\` (bench/routing-claims.ts): ${agents} agents press Play until nothing waits, in process (burst: always pressing; paced: 0-${2 * thinkMs} ms of work between Plays) over ${tasks} tasks, then in ${raceWorkers} OS processes with their own connections over ${raceTasks} tasks; a fresh database per run, SQLite and PostgreSQL (the tests' throwaway cluster, fsync off). Each row is the median over ${runs} runs of that run's p50 or p99, ms.`,
  rows,
  facts: [
    'Every run checks each task against what Play answered: given once, to the agent who holds it, none left waiting; the processes run also checks the routing order (claim-race.ts).',
  ],
  loadAtStart,
  // Only the default sizes are the record; a smaller run just prints.
  record:
    !process.env['BENCH_TASKS'] &&
    !process.env['BENCH_RACE_TASKS'] &&
    !process.env['BENCH_CLAIM_RUNS'],
});
