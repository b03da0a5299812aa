import { isDeepStrictEqual } from 'node:util';
import type { Change, EntityByKind, EntityKind } from '../../src/domain';
import type { SyncDb } from '../../src/store';
import type { Expected } from './model';
import { pullAll, taskDetail, type Session } from './server-api';

// The server's state after the run, read through its API, against the model: every comment and
// log item once and in seq order, each task's status, the user's filters and agent status; and
// the browser's side: an empty outbox, exactly the rejections the rules call for, and a local
// copy that converged to the server's.

export interface Verdict {
  mismatches: string[];
  /** Expected comments, log items and tasks the server lacks. */
  lost: number;
  /** Comments, log items and tasks the server has more often than expected. */
  duplicated: number;
  checked: { comments: number; logItems: number; tasks: number; filters: number };
}

export interface VerifyOptions {
  serverUrl: string;
  session: Session;
  /** Where the run started: an incremental pull from here lists its changes in commit order. */
  startCursor: string;
  expected: Expected;
  missingTasks: ReadonlySet<string>;
  db: SyncDb;
}

function puts<K extends EntityKind>(changes: readonly Change[], kind: K): EntityByKind[K][] {
  return changes.flatMap((c) =>
    c.kind === kind && c.op === 'put' ? [c.value as EntityByKind[K]] : [],
  );
}

/** JSON with sorted keys: equal values give equal text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function tally(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

export async function verify(options: VerifyOptions): Promise<Verdict> {
  const { serverUrl, session, expected, db } = options;
  const mismatches: string[] = [];
  let lost = 0;
  let duplicated = 0;

  /** Same items in the same order; counts what is missing and what is extra. */
  function compareSequence(what: string, want: readonly string[], got: readonly string[]): void {
    const before = mismatches.length;
    const wanted = tally(want);
    const have = tally(got);
    for (const key of new Set([...wanted.keys(), ...have.keys()])) {
      const diff = (have.get(key) ?? 0) - (wanted.get(key) ?? 0);
      if (diff < 0) {
        lost -= diff;
        mismatches.push(`${what}: missing ${-diff}× ${key}`);
      } else if (diff > 0) {
        duplicated += diff;
        mismatches.push(`${what}: ${diff}× too many ${key}`);
      }
    }
    const firstDiff = want.findIndex((key, i) => got[i] !== key);
    if (firstDiff >= 0 && mismatches.length === before) {
      mismatches.push(
        `${what}: out of order at ${firstDiff}: expected ${want[firstDiff]}, got ${got[firstDiff]}`,
      );
    }
  }

  // Commit order: every comment and log item of the run's tasks, as they were stored.
  const runTasks = new Set([...expected.tasks.keys(), ...options.missingTasks]);
  const { changes } = await pullAll(serverUrl, session, options.startCursor);
  const comments = puts(changes, 'comment').filter((c) => runTasks.has(c.taskId));
  compareSequence(
    'comments',
    expected.comments.map((c) => canonical(c)),
    comments.map((c) => canonical({ id: c.id, taskId: c.taskId, body: c.body })),
  );
  const logItems = puts(changes, 'logItem').filter((l) => runTasks.has(l.taskId));
  compareSequence(
    'log',
    expected.log.map((l) => canonical(l)),
    logItems.map((l) => canonical({ taskId: l.taskId, kind: l.kind, data: l.data })),
  );

  // Each task as GET /api/sync/tasks/:id shows it.
  for (const [taskId, want] of expected.tasks) {
    const detail = await taskDetail(serverUrl, session, taskId);
    if (!detail) {
      lost++;
      mismatches.push(`task ${taskId}: not on the server`);
      continue;
    }
    const task = puts(detail, 'task')[0];
    if (task?.status !== want.status || task.title !== want.title) {
      mismatches.push(
        `task ${taskId}: ${task?.title}/${task?.status}, expected ${want.title}/${want.status}`,
      );
    }
    const wantComments = expected.comments.filter((c) => c.taskId === taskId).map((c) => c.id);
    const gotComments = puts(detail, 'comment').map((c) => c.id);
    if (!isDeepStrictEqual([...gotComments].sort(), [...wantComments].sort())) {
      mismatches.push(
        `task ${taskId}: ${gotComments.length} comments, expected ${wantComments.length}`,
      );
    }
    const wantLog = expected.log.filter((l) => l.taskId === taskId).length;
    const gotLog = puts(detail, 'logItem').length;
    if (gotLog !== wantLog)
      mismatches.push(`task ${taskId}: ${gotLog} log items, expected ${wantLog}`);
  }
  for (const taskId of options.missingTasks) {
    if (await taskDetail(serverUrl, session, taskId)) {
      duplicated++;
      mismatches.push(`task ${taskId}: exists, but nobody created it`);
    }
  }

  // The user's filters and agent status, as a bootstrap brings them.
  const bootstrap = (await pullAll(serverUrl, session, null)).changes;
  const filters = new Map(
    puts(bootstrap, 'filter')
      .filter((f) => f.ownerId === session.userId)
      .map((f) => [f.id, { name: f.name, shared: f.shared, query: f.query }]),
  );
  if (!isDeepStrictEqual(filters, expected.filters)) {
    mismatches.push(
      `filters: ${canonical([...filters])}, expected ${canonical([...expected.filters])}`,
    );
  }
  const agent = puts(bootstrap, 'agentStatus').find((s) => s.userId === session.userId);
  const wantAgent = expected.agentStatus;
  if (agent?.status !== wantAgent?.status || agent?.since !== wantAgent?.since) {
    mismatches.push(`agent status: ${canonical(agent)}, expected ${canonical(wantAgent)}`);
  }

  // The browser's side.
  const outbox = await db.outbox.count();
  if (outbox !== 0) mismatches.push(`outbox: ${outbox} changes never reached the server`);
  const rejected = new Map((await db.rejected.toArray()).map((r) => [r.id, r.reason]));
  if (!isDeepStrictEqual(rejected, expected.rejected)) {
    mismatches.push(
      `rejected: ${canonical([...rejected])}, expected ${canonical([...expected.rejected])}`,
    );
  }
  const localComments = (await db.comments.toArray())
    .filter((c) => runTasks.has(c.taskId))
    .map((c) => c.id)
    .sort();
  if (!isDeepStrictEqual(localComments, expected.comments.map((c) => c.id).sort())) {
    mismatches.push(
      `local comments: ${localComments.length}, expected ${expected.comments.length}`,
    );
  }
  for (const [taskId, want] of expected.tasks) {
    const local = await db.tasks.get(taskId);
    if (local?.status !== want.status) {
      mismatches.push(`local task ${taskId}: ${local?.status}, expected ${want.status}`);
    }
  }

  return {
    mismatches,
    lost,
    duplicated,
    checked: {
      comments: expected.comments.length,
      logItems: expected.log.length,
      tasks: expected.tasks.size,
      filters: expected.filters.size,
    },
  };
}
