// @ts-check
// What the store benchmarks run inside a Chromium page at the real server's origin: the real
// store (src/store) and the real sync transport (src/api), bundled by bench/sync-store.ts with
// esbuild and driven through `globalThis.sbBench` from page.evaluate. Timings are taken here, in
// the page, with performance.now(), so Playwright's round trips are not counted.
//
// This file is JavaScript checked by bench/store/tsconfig.json (bundler resolution, like src/):
// tests/tsconfig.json, which covers bench/, resolves as Node does and cannot follow src/ imports.
import { createSyncTransport } from '../../src/api/sync';
import { SyncDb, createSyncEngine, flushOutbox, pullChanges } from '../../src/store/index';
import { countTasks, readTasksPage } from '../../src/store/queries';
import { toStoredContact, toStoredTask } from '../../src/store/stored';
import { fillPendingWords } from '../../src/store/words-pass';
import { makeTask, makeTaskArgs, seededRandom } from './tasks.js';

/** @typedef {import('../../src/domain').Change} Change */
/** @typedef {import('../../src/domain').Mutation} Mutation */
/** @typedef {import('../../src/domain').PullResponse} PullResponse */
/** @typedef {import('../../src/domain').SyncTransport} SyncTransport */
/** @typedef {import('../../src/store/index').SyncEnvironment} SyncEnvironment */
/** @typedef {import('../../src/store/queries').TasksQuery} TasksQuery */

/** The server's pull page size (server/src/sync/pull.ts PULL_PAGE). */
const pageSize = 2000;

const transport = createSyncTransport();

/** @param {string} name */
async function freshDb(name) {
  await new SyncDb(name).delete();
  const db = new SyncDb(name);
  // Opened before any timing: the engine opens its database before its first pull.
  await db.open();
  return db;
}

/**
 * A transport that answers pulls from pages already in memory: the store's whole apply path
 * (words, Dexie, IndexedDB commit, rebase) with no network and no server in the time.
 * @param {(index: number) => PullResponse} pageAt
 * @returns {SyncTransport}
 */
function replayTransport(pageAt) {
  let next = 0;
  return {
    ...transport,
    pull: async () => ({ ok: true, value: pageAt(next++) }),
    connectPokes: () => () => {},
  };
}

/** @param {Change[][]} pages @returns {(index: number) => PullResponse} */
const fromPages = (pages) => (i) => ({
  changes: pages[i] ?? [],
  cursor: `bench-${i + 1}`,
  more: i + 1 < pages.length,
});

/** Generated tasks as pull pages, made lazily so 100k never sit in memory at once. */
/** @param {number} count @param {number} seed @param {(string | null)[]} assignees */
function generatedPages(count, seed, assignees) {
  const random = seededRandom(seed);
  const now = Date.now();
  const pages = Math.ceil(count / pageSize);
  /** @type {(i: number) => PullResponse} */
  return (i) => {
    const n = Math.max(0, Math.min(pageSize, count - i * pageSize));
    /** @type {Change[]} */
    const changes = Array.from({ length: n }, () => ({
      kind: 'task',
      op: 'put',
      value: makeTask(random, assignees, now),
    }));
    return { changes, cursor: `gen-${i + 1}`, more: i + 1 < pages };
  };
}

/**
 * The same rows written with nothing but Dexie bulkPut, one transaction per page: what
 * IndexedDB itself costs (`writeMs`), apart from turning entities into rows (`prepMs`).
 * @param {Change[][]} pages
 */
async function writeOnly(pages) {
  const db = await freshDb('bench-write-only');
  const prepStart = performance.now();
  const prepared = pages.map((changes) => {
    /** @type {Map<string, unknown[]>} */
    const byTable = new Map();
    for (const change of changes) {
      if (change.op !== 'put') continue;
      const row =
        change.kind === 'task'
          ? toStoredTask(change.value)
          : change.kind === 'contact'
            ? toStoredContact(change.value)
            : change.value;
      const table = tableNames[change.kind];
      const rows = byTable.get(table);
      if (rows) rows.push(row);
      else byTable.set(table, [row]);
    }
    return byTable;
  });
  const prepMs = performance.now() - prepStart;
  const writeStart = performance.now();
  for (const byTable of prepared) {
    const tables = [...byTable.keys()].map((name) => db.table(name));
    await db.transaction('rw', tables, async () => {
      for (const [name, rows] of byTable) await db.table(name).bulkPut(rows);
    });
  }
  const writeMs = performance.now() - writeStart;
  db.close();
  await db.delete();
  return { prepMs, writeMs };
}

/** @type {Record<Change['kind'], string>} */
const tableNames = {
  task: 'tasks',
  comment: 'comments',
  logItem: 'logItems',
  filter: 'filters',
  contact: 'contacts',
  member: 'members',
  agentStatus: 'agentStatuses',
  call: 'calls',
  statusDefinition: 'statusDefinitions',
};

/** @param {Change[][]} pages */
function countKinds(pages) {
  /** @type {Record<string, number>} */
  const kinds = {};
  for (const page of pages) for (const c of page) kinds[c.kind] = (kinds[c.kind] ?? 0) + 1;
  return kinds;
}

/** @type {Change[][]} */
let capturedPages = [];
/** @type {Mutation[]} */
let flushedMutations = [];
let clientIdOfFlush = '';
/** @type {ReturnType<typeof createSyncEngine> | null} */
let engine = null;
/** @type {SyncDb | null} */
let queryDb = null;
let signedIn = { userId: '', instanceId: '' };

/** @type {SyncEnvironment} */
const offline = {
  isOnline: () => false,
  onOnlineChange: () => () => {},
  onVisible: () => () => {},
  requestBackgroundSync: () => {},
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (handle) => clearTimeout(/** @type {number} */ (handle)),
};

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 */
async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const bench = {
  /** Signs in through the API; the session cookie belongs to this origin from now on. */
  async signIn(/** @type {string} */ email, /** @type {string} */ password) {
    /** @type {import('../../src/domain').Me} */
    let me = await api('POST', '/api/session', { email, password });
    if (!me.currentInstance) {
      // A member of several instances picks one: the Demo instance, where the bench works.
      const demo = me.memberships.find((m) => m.instanceName === 'Demo');
      if (!demo) throw new Error(`${email} is not a member of Demo`);
      me = await api('POST', '/api/session/instance', { instanceId: demo.instanceId });
    }
    if (!me.currentInstance) throw new Error(`${email} has no current instance`);
    signedIn = { userId: me.user.id, instanceId: me.currentInstance.id };
    return signedIn;
  },

  /** @returns {Promise<string[]>} */
  async memberIds() {
    const { members } = await api('GET', '/api/members');
    return members.map((/** @type {{ userId: string }} */ m) => m.userId);
  },

  /**
   * Creates `count` tasks on the server through POST /api/sync/push (500 per push, the most the
   * server takes), as a team leader may: assigned to anyone or nobody.
   * @param {{ count: number, assignees: (string | null)[], seed: number }} options
   */
  async seedServer({ count, assignees, seed }) {
    const random = seededRandom(seed);
    const clientId = crypto.randomUUID();
    const start = performance.now();
    let rejected = 0;
    for (let seq = 1; seq <= count;) {
      /** @type {Mutation[]} */
      const mutations = [];
      for (; mutations.length < 500 && seq <= count; seq++) {
        mutations.push({
          id: crypto.randomUUID(),
          seq,
          name: 'task.create',
          args: makeTaskArgs(random, assignees),
          createdAt: new Date().toISOString(),
        });
      }
      const pushed = await transport.push({ clientId, mutations });
      if (!pushed.ok) throw new Error(`seeding push failed: ${pushed.status} ${pushed.message}`);
      rejected += pushed.value.results.filter((r) => r.status !== 'ok').length;
    }
    return { ms: performance.now() - start, rejected };
  },

  /**
   * The bootstrap as the product does it: pullChanges with the real transport into an empty
   * database, from the first request to the last page committed. The pages are kept for the
   * replay and write-only measurements.
   */
  async bootstrapFromServer() {
    const db = await freshDb('bench-bootstrap-server');
    let fetchMs = 0;
    /** @type {Change[][]} */
    const pages = [];
    /** @type {SyncTransport} */
    const timed = {
      ...transport,
      async pull(cursor) {
        const t = performance.now();
        const answer = await transport.pull(cursor);
        fetchMs += performance.now() - t;
        if (answer.ok) pages.push(answer.value.changes);
        return answer;
      },
    };
    const start = performance.now();
    const outcome = await pullChanges({ db, transport: timed, userId: signedIn.userId });
    const totalMs = performance.now() - start;
    if (outcome.status !== 'done') throw new Error(`bootstrap failed: ${outcome.failure.message}`);
    // What comes after the clock stops: a search while the words pass has not run (it reads the
    // lists), the pass itself, and the same search from the word index, which must agree.
    /** @type {TasksQuery} */
    const search = { text: 'router', limit: 50 };
    const searchStart = performance.now();
    const before = await readTasksPage(db, search);
    const searchPendingMs = performance.now() - searchStart;
    const wordsStart = performance.now();
    await fillPendingWords(db);
    const wordsMs = performance.now() - wordsStart;
    const after = await readTasksPage(db, search);
    const searchAgrees = before.map((t) => t.id).join() === after.map((t) => t.id).join();
    const tasks = await db.tasks.count();
    db.close();
    await db.delete();
    capturedPages = pages;
    return {
      totalMs,
      fetchMs,
      applyMs: totalMs - fetchMs,
      searchPendingMs,
      wordsMs,
      searchAgrees,
      pages: outcome.pages,
      changes: outcome.changes,
      tasks,
      kinds: countKinds(pages),
    };
  },

  /** The pages of the last server bootstrap, applied again with no network. */
  async bootstrapReplay() {
    const db = await freshDb('bench-bootstrap-replay');
    const start = performance.now();
    const outcome = await pullChanges({
      db,
      transport: replayTransport(fromPages(capturedPages)),
      userId: signedIn.userId,
    });
    const totalMs = performance.now() - start;
    db.close();
    await db.delete();
    return { totalMs, changes: outcome.changes, ...(await writeOnly(capturedPages)) };
  },

  /**
   * `count` generated tasks in pull pages of 2000, applied by pullChanges (no server).
   * @param {{ count: number, assignees: (string | null)[], seed: number }} options
   */
  async bootstrapGenerated({ count, assignees, seed }) {
    /** @type {Change[][]} */
    const pages = [];
    const pageAt = generatedPages(count, seed, assignees);
    for (let i = 0; i * pageSize < count; i++) pages.push(pageAt(i).changes);
    const db = await freshDb('bench-bootstrap-generated');
    const start = performance.now();
    const outcome = await pullChanges({
      db,
      transport: replayTransport(fromPages(pages)),
      userId: signedIn.userId,
    });
    const totalMs = performance.now() - start;
    const tasks = await db.tasks.count();
    db.close();
    await db.delete();
    return { totalMs, tasks, changes: outcome.changes, ...(await writeOnly(pages)) };
  },

  /**
   * Fills a database with `count` generated tasks through the store's own pull apply and words
   * pass (so rows, words and indexes are exactly the store's), for the query runs. Not a
   * measurement.
   * @param {{ count: number, assignees: (string | null)[], seed: number }} options
   */
  async seedLocal({ count, assignees, seed }) {
    queryDb?.close();
    queryDb = await freshDb('bench-queries');
    const start = performance.now();
    await pullChanges({
      db: queryDb,
      transport: replayTransport(generatedPages(count, seed, assignees)),
      userId: signedIn.userId,
    });
    // The queries are measured as they run once the words pass is done, in big batches here.
    await fillPendingWords(queryDb, { batch: 5000, pause: async () => {} });
    const ms = performance.now() - start;
    const sample = await queryDb.tasks.limit(500).toArray();
    const size = (/** @type {unknown[]} */ xs) =>
      xs.reduce((/** @type {number} */ sum, x) => sum + JSON.stringify(x).length, 0) / xs.length;
    return {
      ms,
      tasks: await queryDb.tasks.count(),
      rowBytes: size(sample),
      entityBytes: size(sample.map(({ words: _w, assigneeKey: _a, ...task }) => task)),
      words: sample.reduce((sum, t) => sum + (t.words?.length ?? 0), 0) / sample.length,
    };
  },

  /**
   * Each query once through readTasksPage, timed; the store re-opens nothing in between, as a
   * screen re-running its live query would not.
   * @param {TasksQuery[]} queries
   */
  async runQueries(queries) {
    if (!queryDb) throw new Error('seedLocal first');
    const out = [];
    for (const query of queries) {
      const start = performance.now();
      const rows = await readTasksPage(queryDb, query);
      out.push({ ms: performance.now() - start, rows: rows.length });
    }
    return out;
  },

  /**
   * Each count once through countTasks up to `cap`, timed.
   * @param {Omit<TasksQuery, 'limit'>[]} queries
   * @param {number} cap
   */
  async runCounts(queries, cap) {
    if (!queryDb) throw new Error('seedLocal first');
    const out = [];
    for (const query of queries) {
      const start = performance.now();
      const count = await countTasks(queryDb, query, cap);
      out.push({ ms: performance.now() - start, count });
    }
    return out;
  },

  /**
   * The page after the first: each query read once untimed, then again from its last row.
   * @param {TasksQuery[]} queries
   */
  async secondPages(queries) {
    if (!queryDb) throw new Error('seedLocal first');
    const out = [];
    for (const query of queries) {
      const first = await readTasksPage(queryDb, query);
      const last = first[first.length - 1];
      const after = last ? { updatedAt: last.updatedAt, id: last.id } : undefined;
      const start = performance.now();
      const rows = await readTasksPage(queryDb, { ...query, after });
      out.push({ ms: performance.now() - start, rows: rows.length });
    }
    return out;
  },

  /**
   * Queues `count` comment.add mutations with the store's own mutate while the engine is
   * offline (nothing flushes), spread over `taskIds`.
   * @param {{ count: number, taskIds: string[] }} options
   */
  async queueComments({ count, taskIds }) {
    engine?.close();
    engine = createSyncEngine({ ...signedIn, transport, environment: offline });
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const taskId = taskIds[i % taskIds.length] ?? '';
      await engine.mutate('comment.add', {
        id: crypto.randomUUID(),
        taskId,
        body: `Bench comment ${i + 1}: called the customer back, no answer, will try again.`,
        attachments: [],
      });
    }
    const ms = performance.now() - start;
    flushedMutations = await engine.db.outbox.orderBy('seq').toArray();
    return { ms, queued: await engine.db.outbox.count() };
  },

  /** The outbox to the server through the real transport, as the engine's flush does. */
  async flush() {
    if (!engine) throw new Error('queueComments first');
    let pushMs = 0;
    let pushes = 0;
    /** @type {SyncTransport} */
    const timed = {
      ...transport,
      async push(request) {
        const t = performance.now();
        const answer = await transport.push(request);
        pushMs += performance.now() - t;
        pushes++;
        return answer;
      },
    };
    const start = performance.now();
    const outcome = await flushOutbox({ db: engine.db, transport: timed, userId: signedIn.userId });
    const ms = performance.now() - start;
    // Made by the first flush (the engine was never started).
    clientIdOfFlush = String((await engine.db.meta.get('clientId'))?.value ?? '');
    return { ms, pushMs, pushes, outcome, left: await engine.db.outbox.count() };
  },

  /**
   * The same mutations delivered again (a flush whose answer was lost): the server must answer
   * from its record and apply nothing twice.
   */
  async pushAgain() {
    const results = [];
    for (let i = 0; i < flushedMutations.length; i += 500) {
      const pushed = await transport.push({
        clientId: clientIdOfFlush,
        mutations: flushedMutations.slice(i, i + 500),
      });
      if (!pushed.ok) throw new Error(`re-push failed: ${pushed.status} ${pushed.message}`);
      results.push(...pushed.value.results);
    }
    return { results: results.length, ok: results.filter((r) => r.status === 'ok').length };
  },

  /**
   * What the server holds for the queued comments: GET /api/sync/tasks/:id for each task.
   * @param {string[]} taskIds
   */
  async serverComments(taskIds) {
    const queued = new Set(
      flushedMutations.flatMap((m) => (m.name === 'comment.add' ? [m.args.id] : [])),
    );
    /** @type {Map<string, number>} */
    const seen = new Map();
    for (const taskId of taskIds) {
      const answer = await transport.taskItems(taskId);
      if (!answer.ok) throw new Error(`task ${taskId}: ${answer.status} ${answer.message}`);
      for (const change of answer.value.changes) {
        if (change.kind !== 'comment' || change.op !== 'put') continue;
        if (queued.has(change.value.id)) {
          seen.set(change.value.id, (seen.get(change.value.id) ?? 0) + 1);
        }
      }
    }
    const counts = [...seen.values()];
    return {
      queued: queued.size,
      arrived: counts.reduce((a, b) => a + b, 0),
      distinct: seen.size,
      duplicated: counts.filter((n) => n > 1).length,
      missing: queued.size - seen.size,
    };
  },

  /** Tasks of the signed-in user from the server's bootstrap, to comment on. */
  myTaskIds() {
    const ids = [];
    for (const page of capturedPages) {
      for (const c of page) {
        if (c.kind === 'task' && c.op === 'put' && c.value.assigneeId === signedIn.userId) {
          ids.push(c.value.id);
        }
      }
    }
    return ids;
  },
};

Object.assign(globalThis, { sbBench: bench });
/** @typedef {typeof bench} SbBench */
