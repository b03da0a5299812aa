import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../tests/support/browser.js';
import { freePort } from '../tests/support/kamailio.js';
import { repoRoot } from '../tests/support/paths.js';
import { startStack } from '../tests/support/stack.js';
import { median, reportRun, type Row } from './store/report.js';

// The local-first store (issue 4) in Debian's Chromium against the real built server: bootstrap
// of 10k tasks from real pull pages, list and search reads over 100k cached tasks, and a flush of
// 1,000 queued mutations checked on the server for exactly-once. The store code runs in a page at
// the server's origin (bench/store/page.js, bundled here), and times itself there.
const serverTasks = Number(process.env['BENCH_SERVER_TASKS'] ?? 10_000);
const localTasks = Number(process.env['BENCH_LOCAL_TASKS'] ?? 100_000);
const bootstrapRuns = Number(process.env['BENCH_BOOTSTRAP_RUNS'] ?? 5);
const flushCount = Number(process.env['BENCH_FLUSH_MUTATIONS'] ?? 1000);
/** Which parts run: boot, queries, flush (all by default). */
const parts = (process.env['BENCH_PARTS'] ?? 'boot,queries,flush').split(',');
/**
 * A commit whose store bootstraps in a second page of the same browser, interleaved with this
 * tree's (A/B/B/A...): on a shared machine only such same-run ratios compare two versions.
 */
const baseline = process.env['BENCH_BASELINE'] ?? '';
const runDir = path.join(repoRoot, '.run/bench-store');
const password = 'demo-password';

/** The page's side, as bench/store/page.js puts it on globalThis (JSON in, JSON out). */
type Status = 'open' | 'pending' | 'resolved';
type Type = 'call' | 'email' | 'chat' | 'manual';
/** src/store's TasksQuery, as JSON. */
type Query = {
  status?: Status;
  assigneeId?: string | null;
  type?: Type;
  statuses?: Status[];
  assignees?: (string | null)[];
  types?: Type[];
  skills?: string[];
  priorityAtLeast?: number;
  dueFrom?: string;
  dueBefore?: string;
  text?: string;
  after?: { updatedAt: string; id: string };
  limit: number;
};
type Seed = { count: number; assignees: (string | null)[]; seed: number };
interface SbBench {
  signIn(email: string, password: string): Promise<{ userId: string; instanceId: string }>;
  memberIds(): Promise<string[]>;
  seedServer(options: Seed): Promise<{ ms: number; rejected: number }>;
  bootstrapFromServer(): Promise<{
    totalMs: number;
    fetchMs: number;
    applyMs: number;
    /** After the bootstrap (absent in a baseline before the words pass). */
    searchPendingMs?: number;
    wordsMs?: number;
    searchAgrees?: boolean;
    pages: number;
    changes: number;
    tasks: number;
    kinds: Record<string, number>;
  }>;
  bootstrapReplay(): Promise<{ totalMs: number; prepMs: number; writeMs: number }>;
  bootstrapGenerated(
    options: Seed,
  ): Promise<{ totalMs: number; tasks: number; prepMs: number; writeMs: number }>;
  seedLocal(options: Seed): Promise<{
    ms: number;
    tasks: number;
    rowBytes: number;
    entityBytes: number;
    words: number;
  }>;
  runQueries(queries: Query[]): Promise<{ ms: number; rows: number }[]>;
  runCounts(queries: Omit<Query, 'limit'>[], cap: number): Promise<{ ms: number; count: number }[]>;
  secondPages(queries: Query[]): Promise<{ ms: number; rows: number }[]>;
  queueComments(options: { count: number; taskIds: string[] }): Promise<{
    ms: number;
    queued: number;
  }>;
  flush(): Promise<{
    ms: number;
    pushMs: number;
    pushes: number;
    outcome: { status: string };
    left: number;
  }>;
  pushAgain(): Promise<{ results: number; ok: number }>;
  serverComments(taskIds: string[]): Promise<{
    queued: number;
    arrived: number;
    distinct: number;
    duplicated: number;
    missing: number;
  }>;
  myTaskIds(): Promise<string[]>;
}

/** Calls `sbBench[name](...args)` in the page. */
function inPage<K extends keyof SbBench>(
  page: Page,
  name: K,
  ...args: Parameters<SbBench[K]>
): Promise<Awaited<ReturnType<SbBench[K]>>> {
  return page.evaluate(
    ([n, a]) => {
      const sb = (
        globalThis as unknown as { sbBench: Record<string, (...x: unknown[]) => unknown> }
      ).sbBench;
      const fn = sb[n as string];
      if (!fn) throw new Error(`sbBench.${String(n)} is missing`);
      return fn(...(a as unknown[]));
    },
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<SbBench[K]>>>;
}

async function bundlePageCode(root = repoRoot): Promise<string> {
  // esbuild does not type-check: the page code is checked against src/ first.
  if (root === repoRoot) {
    execFileSync('npx', ['tsc', '-p', 'bench/store/tsconfig.json'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
  }
  const out = await build({
    entryPoints: [path.join(root, 'bench/store/page.js')],
    absWorkingDir: root,
    nodePaths: [path.join(repoRoot, 'node_modules')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'warning',
  });
  const code = out.outputFiles[0]?.text;
  if (!code) throw new Error('esbuild produced no bundle');
  return code;
}

/** The baseline's src/ and its own page code (and the names its task generator uses). */
function baselineTree(commit: string): string {
  const dir = path.join(os.tmpdir(), `sync-store-${commit}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'server/src/demo'), { recursive: true });
  execFileSync('sh', ['-c', `git archive ${commit} src bench/store | tar -x -C ${dir}`], {
    cwd: repoRoot,
  });
  cpSync(path.join(repoRoot, 'server/src/demo/data.ts'), path.join(dir, 'server/src/demo/data.ts'));
  return dir;
}

/** Varying filters over the 100k: every status with every assignee (and nobody), twice. */
function listQueries(people: (string | null)[]): Query[] {
  const statuses = ['open', 'pending', 'resolved'] as const;
  const once = people.flatMap((assigneeId) =>
    statuses.map((status): Query => ({ status, assigneeId, limit: 50 })),
  );
  return [...once, ...once];
}

/** What agents type: names, words of titles, prefixes while typing, two words, an email, a phone. */
const searchWords = [
  'müller',
  'jensen',
  'router',
  'refund',
  'invoice',
  'priya',
  'takahashi',
  'voicemail',
  'porting',
  'rout',
  'inv',
  'kowal',
  'emma berg',
  'refund order',
  'fibre router',
  'charged twice',
  'olivia.costa',
  'mail.test',
  '020 7946 12',
  'headset',
  'warranty charger',
  'sim',
  'cancel subscription',
  'zimmermann',
];

async function main(): Promise<void> {
  const code = await bundlePageCode();
  const taken = new Set<number>();
  const stack = await startStack({
    port: await freePort(taken),
    smtpPort: await freePort(taken),
    dir: runDir,
  });
  const browser = await chromium.launch(chromiumLaunchOptions);
  const loadAtStart = os.loadavg()[0] ?? NaN;
  const rows: Row[] = [];
  const facts: string[] = [];
  try {
    // No service worker: the page only hosts the bench's store code.
    const context = await browser.newContext({ baseURL: stack.baseUrl, serviceWorkers: 'block' });
    const page = await context.newPage();
    // A page of the server's origin, so IndexedDB and the session cookie are the server's.
    await page.goto('/signin');
    // Served by the server from its web root: the CSP (script-src 'self') refuses inline code.
    writeFileSync(path.join(stack.webRoot, 'bench-store.js'), code);
    await page.addScriptTag({ url: '/bench-store.js' });

    // --- the server with 10k more tasks, made through the sync API by a team leader ---------
    await inPage(page, 'signIn', 'carol@demo.test', password);
    const members = await inPage(page, 'memberIds');
    const seeded = await inPage(page, 'seedServer', {
      count: serverTasks,
      assignees: [...members, null],
      seed: 1,
    });
    if (seeded.rejected > 0) throw new Error(`${seeded.rejected} task.create rejected`);
    console.log(
      `seeded ${serverTasks} tasks through POST /api/sync/push in ${seeded.ms.toFixed(0)} ms`,
    );

    // --- 1. bootstrap -------------------------------------------------------------------------
    const alice = await inPage(page, 'signIn', 'alice@demo.test', password);
    const base = baseline ? await context.newPage() : null;
    if (base) {
      await base.goto('/signin');
      writeFileSync(
        path.join(stack.webRoot, 'bench-store-base.js'),
        await bundlePageCode(baselineTree(baseline)),
      );
      await base.addScriptTag({ url: '/bench-store-base.js' });
      await inPage(base, 'signIn', 'alice@demo.test', password);
    }
    const server: Awaited<ReturnType<SbBench['bootstrapFromServer']>>[] = [];
    const replay: Awaited<ReturnType<SbBench['bootstrapReplay']>>[] = [];
    const baseServer: number[] = [];
    const baseReplay: number[] = [];
    for (let i = 0; parts.includes('boot') && i < bootstrapRuns; i++) {
      // Alternating which goes first, so neither always meets the machine in the same state.
      if (base && i % 2 === 1) {
        baseServer.push((await inPage(base, 'bootstrapFromServer')).totalMs);
        baseReplay.push((await inPage(base, 'bootstrapReplay')).totalMs);
      }
      server.push(await inPage(page, 'bootstrapFromServer'));
      replay.push(await inPage(page, 'bootstrapReplay'));
      if (base && i % 2 === 0) {
        baseServer.push((await inPage(base, 'bootstrapFromServer')).totalMs);
        baseReplay.push((await inPage(base, 'bootstrapReplay')).totalMs);
      }
    }
    if (base) {
      rows.push(
        {
          measure: `baseline ${baseline}: bootstrap from the server`,
          runs: baseServer,
          note: `interleaved with this tree's runs; ratio ${(median(server.map((r) => r.totalMs)) / median(baseServer)).toFixed(2)}`,
        },
        {
          measure: `baseline ${baseline}: same pages with no network`,
          runs: baseReplay,
          note: `ratio ${(median(replay.map((r) => r.totalMs)) / median(baseReplay)).toFixed(2)}`,
        },
      );
      await base.close();
    }
    const first = server[0];
    if (first) {
      facts.push(
        `Bootstrap for alice: ${first.tasks} tasks in ${first.pages} pages, ${first.changes} changes (${Object.entries(
          first.kinds,
        )
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}).`,
      );
      rows.push(
        {
          measure: `bootstrap from the server (${first.tasks} tasks)`,
          runs: server.map((r) => r.totalMs),
          goalMs: 1500,
          note: 'pullChanges + real transport, first request to last page committed',
        },
        {
          measure: '  of which pull requests (network, server, JSON)',
          runs: server.map((r) => r.fetchMs),
        },
        {
          measure: '  of which store apply (words, Dexie, IndexedDB)',
          runs: server.map((r) => r.applyMs),
        },
        ...(first.wordsMs === undefined
          ? []
          : [
              {
                measure: '  after it: search words pass (not in the bootstrap time)',
                runs: server.map((r) => r.wordsMs ?? NaN),
                note: 'fillPendingWords: puts each task again with its words, 250 a transaction',
              },
              {
                measure: '  after it: "router" before the words pass',
                runs: server.map((r) => r.searchPendingMs ?? NaN),
                note: `reads the lists; same 50 rows as the word index after: ${server.every((r) => r.searchAgrees) ? 'yes' : 'NO'}`,
              },
            ]),
        {
          measure: 'same pages applied with no network',
          runs: replay.map((r) => r.totalMs),
          note: 'pullChanges over the captured pages',
        },
        {
          measure: '  pure IndexedDB write (bulkPut of prepared rows)',
          runs: replay.map((r) => r.writeMs),
          note: 'one transaction per page, no pull bookkeeping',
        },
        {
          measure: '  entities → rows (toStoredTask words)',
          runs: replay.map((r) => r.prepMs),
        },
      );
      const generated: Awaited<ReturnType<SbBench['bootstrapGenerated']>>[] = [];
      for (let i = 0; i < bootstrapRuns; i++) {
        generated.push(
          await inPage(page, 'bootstrapGenerated', {
            count: 10_000,
            assignees: [...members, null],
            seed: 2,
          }),
        );
      }
      rows.push(
        {
          measure: 'apply 10k generated SyncTask changes (no server)',
          runs: generated.map((r) => r.totalMs),
          goalMs: 1500,
          note: 'pullChanges, pages of 2000',
        },
        {
          measure: '  pure IndexedDB write of the same rows',
          runs: generated.map((r) => r.writeMs),
        },
      );
    }

    if (parts.includes('queries')) {
      // --- 2. reads over 100k -------------------------------------------------------------------
      const local = await inPage(page, 'seedLocal', {
        count: localTasks,
        assignees: [...members, null],
        seed: 3,
      });
      facts.push(
        `Query database: ${local.tasks} tasks of ${local.entityBytes.toFixed(0)} bytes as JSON (${local.rowBytes.toFixed(0)} stored, with ${local.words.toFixed(1)} words each), filled through pullChanges and the words pass in ${(local.ms / 1000).toFixed(1)} s (not timed).`,
      );
      const people = [alice.userId, ...members.filter((m) => m !== alice.userId).slice(0, 2), null];
      const lists = listQueries(people);
      const texts: Query[] = searchWords.map((text) => ({ text, limit: 50 }));
      const other = (q: Omit<Query, 'limit'>[]) => q.map((x): Query => ({ ...x, limit: 50 }));
      const byAssignee = other(people.map((assigneeId) => ({ assigneeId })));
      const byStatus = other(['open', 'pending', 'resolved'].map((s) => ({ status: s as 'open' })));
      const byType = other(
        (['call', 'email', 'chat', 'manual'] as const).map((type) => ({ type, status: 'open' })),
      );
      const filteredSearch = other(
        searchWords
          .slice(0, 12)
          .map((text) => ({ text, status: 'open', assigneeId: alice.userId })),
      );
      // Warm up: the database opens, the index pages come into memory, as on a screen in use.
      await inPage(page, 'runQueries', [...lists.slice(0, 3), ...texts.slice(0, 3)]);
      const time = async (qs: Query[]) => (await inPage(page, 'runQueries', qs)).map((r) => r.ms);
      const textRuns = await inPage(page, 'runQueries', texts);
      const slowest = texts
        .map((q, i) => ({
          text: q.text ?? '',
          ...(textRuns[i] ?? { ms: NaN, rows: 0 }),
        }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 6);
      facts.push(
        `Slowest searches (readTasksPage): ${slowest.map((q) => `"${q.text}" ${q.ms.toFixed(0)} ms (${q.rows} rows)`).join('; ')}.`,
      );
      rows.push(
        {
          measure: `status+assignee, newest first, 50 of ${local.tasks}`,
          runs: await time(lists),
          goalMs: 16,
          note: 'readTasksPage',
        },
        {
          measure: `text search over ${local.tasks}`,
          runs: textRuns.map((r) => r.ms),
          goalMs: 50,
          note: `${texts.length} queries: names, title words, prefixes, two words, email, phone`,
        },
        {
          measure: '  assignee only (3 statuses merged)',
          runs: await time([...byAssignee, ...byAssignee]),
        },
        { measure: '  status only', runs: await time([...byStatus, ...byStatus]) },
        { measure: '  type+status', runs: await time([...byType, ...byType]) },
        { measure: '  text + status + assignee', runs: await time(filteredSearch) },
      );
      // --- issue 5's filters: any of several statuses, assignees and types; skills, priority, due
      const now = new Date();
      const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
      const tomorrow = new Date(today.getTime() + 24 * 60 * 60 * 1000);
      const overdue = { statuses: ['open', 'pending'] as Status[], dueBefore: now.toISOString() };
      const filterQueries: [string, Omit<Query, 'limit'>][] = [
        ['open + pending', { statuses: ['open', 'pending'] }],
        ['me + a colleague + unassigned', { assignees: people }],
        [
          'me + unassigned, open + pending',
          { assignees: [alice.userId, null], statuses: overdue.statuses },
        ],
        ['skill billing', { skills: ['billing'] }],
        ['skill billing, open', { skills: ['billing'], statuses: ['open'] }],
        ['priority ≥ 4', { priorityAtLeast: 4 }],
        ['priority 5, mine', { priorityAtLeast: 5, assignees: [alice.userId] }],
        ['overdue', overdue],
        ['overdue, mine', { ...overdue, assignees: [alice.userId] }],
        ['due today', { dueFrom: today.toISOString(), dueBefore: tomorrow.toISOString() }],
        ['type chat', { types: ['chat'] }],
        [
          'email + chat, me + unassigned',
          { types: ['email', 'chat'], assignees: [alice.userId, null] },
        ],
        [
          'all filters at once',
          {
            ...overdue,
            assignees: [alice.userId, null],
            types: ['call', 'email'],
            skills: ['support'],
            priorityAtLeast: 3,
          },
        ],
        [
          'text + open/pending + mine',
          { text: 'router', statuses: ['open', 'pending'], assignees: [alice.userId] },
        ],
        ['text + priority ≥ 4', { text: 'berg', priorityAtLeast: 4 }],
        ['text + overdue', { text: 'invoice', ...overdue }],
      ];
      const filtered = other(filterQueries.map(([, q]) => q));
      // Each query five times, interleaved, so a slow moment of the machine hits them all alike.
      const filterRuns = filtered.map((): number[] => []);
      const filterRows = filtered.map(() => 0);
      for (let round = 0; round < 5; round++) {
        const out = await inPage(page, 'runQueries', filtered);
        out.forEach((r, i) => {
          filterRuns[i]?.push(r.ms);
          filterRows[i] = r.rows;
        });
      }
      rows.push({
        measure: `issue 5 filters, 50 of ${local.tasks} (${filtered.length} lists × 5)`,
        runs: filterRuns.flat(),
        goalMs: 16,
        note: 'readTasksPage: several statuses, assignees, types; skills, priority, due, text',
      });
      filterQueries.forEach(([name], i) =>
        rows.push({
          measure: `  ${name}`,
          runs: filterRuns[i] ?? [],
          note: `${filterRows[i]} rows`,
        }),
      );
      rows.push({
        measure: '  the next page of each (keyset after its 50th row)',
        runs: (await inPage(page, 'secondPages', [...filtered, ...filtered])).map((r) => r.ms),
      });
      // The worst case: a filter no row passes reads every row of its index ranges.
      const none = other([
        { skills: ['support', 'sales'] },
        { skills: ['support', 'sales'], statuses: ['open'] },
      ]);
      rows.push({
        measure: '  no row matches (skills support + sales)',
        runs: await time([...none, ...none]),
        note: 'reads every row of the ranges: the bench gives each task one skill',
      });
      const counted: [string, Omit<Query, 'limit'>][] = [
        ['open (index count)', { statuses: ['open'] }],
        [
          'mine, open + pending (index count)',
          { assignees: [alice.userId], statuses: ['open', 'pending'] },
        ],
        ['overdue, mine', { ...overdue, assignees: [alice.userId] }],
        ['skill billing (reads rows)', { skills: ['billing'] }],
        ['text "router"', { text: 'router' }],
      ];
      const countRuns = counted.map((): number[] => []);
      const countValues = counted.map(() => 0);
      for (let round = 0; round < 3; round++) {
        const out = await inPage(
          page,
          'runCounts',
          counted.map(([, q]) => q),
          10_000,
        );
        out.forEach((r, i) => {
          countRuns[i]?.push(r.ms);
          countValues[i] = r.count;
        });
      }
      counted.forEach(([name], i) =>
        rows.push({
          measure: `  count up to 10,000: ${name}`,
          runs: countRuns[i] ?? [],
          note: `${countValues[i] === 10_000 ? '10,000+' : countValues[i]}`,
        }),
      );

      // A mid-range phone: the page's CPU 4× slower (Chromium's own throttling).
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      rows.push(
        { measure: '  status+assignee, CPU 4× slower', runs: await time(lists), goalMs: 16 },
        { measure: '  text search, CPU 4× slower', runs: await time(texts), goalMs: 50 },
        { measure: '  issue 5 filters, CPU 4× slower', runs: await time(filtered), goalMs: 16 },
      );
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    }

    if (parts.includes('flush')) {
      // --- 3. flush -----------------------------------------------------------------------------
      const taskIds = (await inPage(page, 'myTaskIds')).slice(0, 4);
      if (taskIds.length === 0) throw new Error('alice has no tasks to comment on');
      const queued = await inPage(page, 'queueComments', { count: flushCount, taskIds });
      if (queued.queued !== flushCount)
        throw new Error(`queued ${queued.queued}, not ${flushCount}`);
      const flushed = await inPage(page, 'flush');
      const arrived = await inPage(page, 'serverComments', taskIds);
      const again = await inPage(page, 'pushAgain');
      const afterAgain = await inPage(page, 'serverComments', taskIds);
      const exactlyOnce =
        flushed.outcome.status === 'done' &&
        flushed.left === 0 &&
        arrived.distinct === flushCount &&
        arrived.arrived === flushCount &&
        afterAgain.arrived === flushCount &&
        afterAgain.duplicated === 0;
      rows.push({
        measure: `flush ${flushCount} queued comment.add to the server`,
        runs: [flushed.ms],
        goalMs: 3000,
        note: `flushOutbox + real transport; ${exactlyOnce ? 'exactly once' : 'NOT EXACTLY ONCE'}`,
      });
      rows.push({
        measure: `  of which ${flushed.pushes} POST /api/sync/push`,
        runs: [flushed.pushMs],
        note: 'the rest is the store applying the results',
      });
      facts.push(
        `Flush: ${flushCount} comment.add on ${taskIds.length} tasks queued offline with engine.mutate in ${(queued.ms / 1000).toFixed(1)} s (not timed); outcome ${flushed.outcome.status}, ${flushed.left} left in the outbox.`,
        `Server after the flush (GET /api/sync/tasks/:id): ${arrived.arrived} of ${arrived.queued} comments, ${arrived.distinct} distinct, ${arrived.duplicated} duplicated, ${arrived.missing} missing.`,
        `The same ${flushCount} mutations pushed again (same clientId and seqs): ${again.ok} of ${again.results} answered ok from the record; the server then holds ${afterAgain.arrived} (${afterAgain.duplicated} duplicated).`,
      );
      if (!exactlyOnce) process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await stack.stop();
  }

  await reportRun({
    name: 'store',
    title: 'Store benchmarks (issue 4)',
    describe: (when, built) =>
      `Measured ${when} UTC on ${built}${baseline ? ` (bootstrap interleaved with ${baseline}'s store in the same browser)` : ''} by \`npm run bench\` (bench/sync-store.ts) in Debian's Chromium against the built server on SQLite, in an isolated network namespace. Milliseconds; p95 by nearest rank.`,
    rows,
    facts,
    loadAtStart,
    // Only a whole run is the record; a partial run just prints.
    record: parts.length >= 3,
  });
}

await main();
