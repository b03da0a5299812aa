import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  insertInstance,
  insertMemberships,
  insertTasks,
  migrateToLatest,
  openDatabase,
  type Db,
} from '../db/index.js';
import type { ClaimRecord, WorkerJob } from './claim-worker.js';

// Issue 6's concurrency test: `agents` agents spread over `workers` OS processes, each process
// with its own connection(s) to ONE database (a SQLite file or a PostgreSQL database), all
// pressing Play (the real playNext: choose and claim in one statement, log, record changes)
// until no task waits. Afterwards: every task is held by exactly the agent whose Play returned it
// (none twice, none lost), and the routing order held: no task was claimed after a task that
// ranks below it had already been claimed by someone who could have taken either.
// Used by the fast variant in the test command (claim-race.test.ts) and the full one in
// `npm run bench` (bench/routing-claims.ts).

export interface RaceOptions {
  url: string;
  agents: number;
  tasks: number;
  workers: number;
}

export interface RaceResult {
  claims: ClaimRecord[];
  /** Tasks more than one Play returned. */
  doubles: number;
  /** Tasks whose assignee in the database is not the one agent Play returned them to. */
  wrongAssignee: number;
  /** Tasks still waiting (unassigned) when every agent had been told "nothing left". */
  left: number;
  /** Pairs claimed against the routing order (see orderViolations). */
  outOfOrder: number;
  /** Wall time of the whole race, ms. */
  elapsedMs: number;
  /** Plays that found SQLite's write lock taken for busy_timeout and were pressed again. */
  busyRetries: number;
}

const SKILLS = ['support', 'billing'];

/** A fresh instance with the agents (every skill) and the waiting tasks; returns its id and agents. */
export async function prepareRace(
  db: Db,
  options: Pick<RaceOptions, 'agents' | 'tasks'>,
): Promise<{ instanceId: string; agentIds: string[] }> {
  const instanceId = randomUUID();
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  await insertInstance(db, {
    id: instanceId,
    name: `Race ${instanceId.slice(0, 8)}`,
    sip_prefix: `race${instanceId.slice(0, 8).replace(/[^a-z0-9]/g, 'x')}`,
    created_at: iso(start),
  });
  const agentIds = Array.from({ length: options.agents }, () => randomUUID());
  for (let i = 0; i < agentIds.length; i += 100) {
    const chunk = agentIds.slice(i, i + 100);
    await db
      .insertInto('users')
      .values(
        chunk.map((id, j) => ({
          id,
          email: `race-${instanceId.slice(0, 8)}-${i + j}@race.test`,
          name: `Race Agent ${i + j}`,
          password_hash: null,
          service_provider: 0,
          last_instance_id: instanceId,
          created_at: iso(start),
          updated_at: iso(start),
        })),
      )
      .execute();
    await insertMemberships(
      db,
      chunk.map((user_id) => ({
        instance_id: instanceId,
        user_id,
        role: 'agent' as const,
        extension: null,
        created_at: iso(start),
        skills: JSON.stringify(SKILLS),
      })),
    );
  }
  await insertTasks(
    db,
    Array.from({ length: options.tasks }, (_, i) => ({
      id: randomUUID(),
      instance_id: instanceId,
      type: 'manual' as const,
      channel: 'internal',
      title: `Race task ${i}`,
      customer_name: 'Emma Jensen',
      customer_phone: null,
      customer_email: null,
      status: 'open' as const,
      assignee_id: null,
      priority: 1 + (i % 5),
      skills: JSON.stringify(i % 3 === 0 ? ['support'] : i % 3 === 1 ? SKILLS : []),
      due_at: null,
      created_at: iso(start + i),
      updated_at: iso(start + i),
      version: 1,
      description: '',
      contact_id: null,
      offered_to_id: null,
      created_by_id: null,
      offered_by_id: null,
      offer_expires_at: null,
      offer_return: null,
      outcome_tag: null,
      follow_up_of_id: null,
    })),
  );
  return { instanceId, agentIds };
}

const workerPath = fileURLToPath(new URL('./claim-worker.ts', import.meta.url));

interface WorkerResult {
  claims: ClaimRecord[];
  busyRetries: number;
}

function runWorker(job: WorkerJob): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    // tsx as the loader, so the worker runs the same TypeScript the server is built from.
    const child = fork(workerPath, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    let result: WorkerResult | undefined;
    child.on('message', (message: Partial<WorkerResult> & { error?: string }) => {
      if (message.error) reject(new Error(`claim worker: ${message.error}`));
      if (message.claims)
        result = { claims: message.claims, busyRetries: message.busyRetries ?? 0 };
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && result) resolve(result);
      else reject(new Error(`claim worker exited with ${code}`));
    });
    child.send(job);
  });
}

/** Runs the race and checks it; the caller asserts on the counts. */
export async function runClaimRace(options: RaceOptions): Promise<RaceResult> {
  const opened = openDatabase(options.url);
  try {
    await migrateToLatest(opened.db);
    const { instanceId, agentIds } = await prepareRace(opened.db, options);
    const perWorker = Math.ceil(agentIds.length / options.workers);
    const started = performance.now();
    const batches = await Promise.all(
      Array.from({ length: options.workers }, (_, w) =>
        runWorker({
          url: options.url,
          instanceId,
          agentIds: agentIds.slice(w * perWorker, (w + 1) * perWorker),
        }),
      ),
    );
    const elapsedMs = performance.now() - started;
    const claims = batches.flatMap((b) => b.claims);
    const busyRetries = batches.reduce((sum, b) => sum + b.busyRetries, 0);
    const rows = await opened.db
      .selectFrom('tasks')
      .select(['id', 'assignee_id', 'priority', 'created_at'])
      .where('instance_id', '=', instanceId)
      .execute();
    const { doubles, wrongAssignee, left } = checkHolders(claims, rows);
    const rank = new Map(
      [...rows]
        .sort((a, b) =>
          a.priority !== b.priority
            ? b.priority - a.priority
            : a.created_at < b.created_at
              ? -1
              : a.created_at > b.created_at
                ? 1
                : 0,
        )
        .map((row, i) => [row.id, i]),
    );
    const outOfOrder = orderViolations(claims, rank);
    return { claims, doubles, wrongAssignee, left, outOfOrder, elapsedMs, busyRetries };
  } finally {
    await opened.close();
  }
}

/**
 * Every task against what Play answered: `doubles` tasks Play gave to more than one agent,
 * `wrongAssignee` tasks whose assignee is not the one agent Play gave them to, `left` tasks Play
 * never gave out.
 */
export function checkHolders(
  claims: readonly { taskId: string; agentId: string }[],
  tasks: readonly { id: string; assignee_id: string | null }[],
): { doubles: number; wrongAssignee: number; left: number } {
  const given = new Map<string, string[]>();
  for (const c of claims) given.set(c.taskId, [...(given.get(c.taskId) ?? []), c.agentId]);
  let wrongAssignee = 0;
  let left = 0;
  for (const task of tasks) {
    const holders = given.get(task.id);
    if (!holders) left += 1;
    else if (holders.length !== 1 || holders[0] !== task.assignee_id) wrongAssignee += 1;
  }
  const doubles = [...given.values()].filter((holders) => holders.length > 1).length;
  return { doubles, wrongAssignee, left };
}

/**
 * Claims against the routing order: B was claimed (its Play ended) before a Play that took A, a
 * task ranked ahead of B, had even started. Overlapping Plays may finish in any order (the one
 * that took the better task may commit last); every agent may take every task here, so outside
 * that overlap the queue must be taken from its head.
 */
export function orderViolations(
  claims: readonly ClaimRecord[],
  rank: ReadonlyMap<string, number>,
): number {
  const ranked = claims
    .map((c) => ({ ...c, rank: rank.get(c.taskId) ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.rank - b.rank);
  let latestStartAhead = Number.NEGATIVE_INFINITY;
  let violations = 0;
  for (const claim of ranked) {
    if (latestStartAhead > claim.endedAt) violations += 1;
    latestStartAhead = Math.max(latestStartAhead, claim.startedAt);
  }
  return violations;
}
