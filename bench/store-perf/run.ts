// Store performance, measured in Debian's Chromium: the working tree's src/store side by side
// with a baseline commit's, in the same browser and the same run (the machine is shared, so only
// same-run comparisons and ratios mean much). Also raw IndexedDB schema experiments.
//
//   npx tsx bench/store-perf/run.ts store [--baseline=<commit>] [--rounds=5] [--local=100000]
//     [--parts=boot,queries]
//   npx tsx bench/store-perf/run.ts raw [--rounds=5]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const [mode = 'store', ...flags] = process.argv.slice(2);
const flag = (name: string, fallback: string) =>
  flags.find((f) => f.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const rounds = Number(flag('rounds', '5'));
const bootCount = Number(flag('boot', '10000'));
const localCount = Number(flag('local', '100000'));
const baseline = flag('baseline', '45d5091');
const parts = flag('parts', 'boot,queries').split(',');
// --memory: an off-the-record context, whose IndexedDB lives in memory (as bench/sync-store.ts's
// `browser.newContext()` does); the default is an on-disk profile, as an installed app has.
const inMemory = flags.includes('--memory');
const assignees = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', null];

async function bundle(entry: string, root: string): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'warning',
    absWorkingDir: root,
    nodePaths: [path.join(repo, 'node_modules')],
  });
  const code = out.outputFiles[0]?.text;
  if (!code) throw new Error(`no bundle for ${entry}`);
  return code;
}

/** The baseline's src/ with this harness (and the task generator and its name lists) copied in. */
function baselineTree(commit: string): string {
  const dir = path.join(tmpdir(), `store-perf-${commit}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${commit} src | tar -x -C ${dir}`], { cwd: repo });
  cpSync(path.join(repo, 'bench/store-perf'), path.join(dir, 'bench/store-perf'), {
    recursive: true,
  });
  cpSync(path.join(repo, 'bench/store/tasks.js'), path.join(dir, 'bench/store/tasks.js'));
  // The generator takes the demo's name lists from the server's seed.
  cpSync(path.join(repo, 'server/src/demo/data.ts'), path.join(dir, 'server/src/demo/data.ts'));
  return dir;
}

function serve(scripts: Record<string, string>): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    const script = scripts[name];
    if (script !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(script);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>store-perf</title>');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? 0;
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** One profile kept between runs (the 100k query databases are filled once per store version). */
const profile = path.join(tmpdir(), 'store-perf-profile');
let context: BrowserContext | null = null;
/** An unknown switch Chromium ignores, so this run's browser processes can be told apart. */
const marker = `--sb-store-perf=${process.pid}`;

async function openPage(url: string, script: string): Promise<Page> {
  const launch = {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--headless=new', marker],
  };
  context ??= inMemory
    ? await (await chromium.launch(launch)).newContext()
    : await chromium.launchPersistentContext(profile, launch);
  const page = await context.newPage();
  await page.goto(url);
  await page.addScriptTag({ url: `${url}${script}` });
  return page;
}

async function closeBrowser(): Promise<void> {
  const browser = context?.browser();
  await context?.close();
  await browser?.close();
}

/**
 * CPU milliseconds the browser (all its processes) has used so far. On a shared machine wall time
 * mostly measures the neighbours; CPU time measures the work, so it compares variants better.
 */
function browserCpuMs(): number {
  const stats = new Map<number, { ppid: number; ticks: number; cmd: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      stats.set(Number(entry), {
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
        cmd,
      });
    } catch {
      // the process ended meanwhile
    }
  }
  const roots = [...stats].filter(([, s]) => s.cmd.includes(marker) && !s.cmd.includes('--type='));
  const inTree = new Set(roots.map(([pid]) => pid));
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, s] of stats)
      if (!inTree.has(pid) && inTree.has(s.ppid)) {
        inTree.add(pid);
        grew = true;
      }
  }
  let ticks = 0;
  for (const pid of inTree) ticks += stats.get(pid)?.ticks ?? 0;
  return ticks * 10;
}

/** Names a query database after the code that writes its rows, so a changed store refills. */
function rowsVersion(root: string): string {
  const hash = createHash('sha1');
  for (const file of ['schema.ts', 'records.ts', 'stored.ts', 'words.ts'])
    hash.update(readFileSync(path.join(root, 'src/store', file)));
  return hash.digest('hex').slice(0, 8);
}

/** What page.js and raw.js put on globalThis. */
type PageApis = Record<'perf' | 'raw', Record<string, (arg: unknown) => unknown>>;

type Query = {
  status?: 'open' | 'pending' | 'resolved';
  assigneeId?: string | null;
  type?: 'call' | 'email' | 'chat' | 'manual';
  text?: string;
  limit: number;
};

const listQueries: Query[] = [
  { limit: 50 },
  { status: 'open', limit: 50 },
  { status: 'resolved', assigneeId: 'u3', limit: 50 },
  { assigneeId: null, limit: 50 },
  { assigneeId: 'u2', type: 'chat', limit: 50 },
  { type: 'email', status: 'pending', limit: 50 },
];
const texts = [
  // rare words, names, two words, email, phone
  'zimmermann',
  'müller',
  'takahashi',
  'emma berg',
  'olivia.costa',
  'charged twice',
  '020 7946 12',
  'zzz',
  // common words and prefixes as typed
  'example',
  'mail',
  'router',
  'rout',
  'the',
  'cannot',
  'e',
  'em',
  'r',
  'ro',
  'q',
  'x',
];
const searchQueries: Query[] = [
  ...texts.map((text) => ({ text, limit: 50 })),
  { text: 'example', status: 'resolved', assigneeId: 'u3', limit: 50 },
  { text: 'router', status: 'pending', limit: 50 },
  { text: 'e', assigneeId: null, type: 'manual', limit: 50 },
];
const label = (q: Query) =>
  [q.text && `"${q.text}"`, q.status, q.assigneeId !== undefined && `@${q.assigneeId}`, q.type]
    .filter(Boolean)
    .join(' ') || 'all';

async function storeMode(): Promise<void> {
  const base = baselineTree(baseline);
  const scripts = {
    'base.js': await bundle('bench/store-perf/page.js', base),
    'cur.js': await bundle('bench/store-perf/page.js', repo),
  };
  const { url, close } = await serve(scripts);
  const pages = { base: await openPage(url, 'base.js'), cur: await openPage(url, 'cur.js') };
  const names = ['base', 'cur'] as const;
  const call = <T>(p: Page, fn: string, arg: unknown) =>
    p.evaluate(([f, a]) => (globalThis as unknown as PageApis).perf[f]?.(a), [
      fn,
      arg,
    ] as const) as Promise<T>;

  const boot: Record<string, number[]> = { base: [], cur: [] };
  const bootCpu: Record<string, number[]> = { base: [], cur: [] };
  for (let r = 0; parts.includes('boot') && r < rounds; r++) {
    for (const v of r % 2 ? [...names].reverse() : names) {
      const cpuBefore = browserCpuMs();
      const { ms } = await call<{ ms: number }>(pages[v], 'bootstrap', {
        name: `boot-${v}`,
        count: bootCount,
        seed: 7 + r,
        assignees,
      });
      boot[v]?.push(ms);
      bootCpu[v]?.push(browserCpuMs() - cpuBefore);
    }
  }
  console.log(`\nbootstrap ${bootCount} tasks (pullChanges, no network), ${rounds} rounds`);
  for (const v of names)
    console.log(
      `  ${v}: median ${fmt(median(boot[v] ?? []))} ms (browser CPU ${fmt(median(bootCpu[v] ?? []))} ms)  runs ${boot[v]?.map(fmt).join(' ')}`,
    );
  const ratio = (xs: Record<string, number[]>) =>
    (median(xs['cur'] ?? []) / median(xs['base'] ?? [])).toFixed(2);
  console.log(`  ratio cur/base: wall ${ratio(boot)}, CPU ${ratio(bootCpu)}`);

  for (const v of parts.includes('queries') ? names : []) {
    const filled = await call<{ ms: number; reused: boolean }>(pages[v], 'fill', {
      name: `query-${rowsVersion(v === 'base' ? base : repo)}-${localCount}`,
      count: localCount,
      seed: 1,
      assignees,
    });
    console.log(`fill ${v} ${localCount}: ${filled.reused ? 'reused' : `${fmt(filled.ms)} ms`}`);
  }

  const all = [...listQueries, ...searchQueries];
  const times: Record<string, number[][]> = { base: all.map(() => []), cur: all.map(() => []) };
  const rows: Record<string, number[]> = { base: [], cur: [] };
  const mismatches = new Set<string>();
  for (let r = 0; parts.includes('queries') && r < rounds; r++) {
    const results: Record<string, { ms: number; rows: number; ids: string[] }[]> = {};
    for (const v of r % 2 ? [...names].reverse() : names) {
      const res = await call<{ ms: number; rows: number; ids: string[] }[]>(pages[v], 'query', all);
      results[v] = res;
      res.forEach((x, i) => times[v]?.[i]?.push(x.ms));
      rows[v] = res.map((x) => x.rows);
    }
    all.forEach((q, i) => {
      const a = results['base']?.[i]?.ids.join();
      const b = results['cur']?.[i]?.ids.join();
      if (a !== b) mismatches.add(label(q));
    });
  }
  console.log(`\nqueries over ${localCount} tasks, median of ${rounds} runs each (ms)`);
  console.log('  query                          base    cur   ratio  rows');
  all.forEach((q, i) => {
    const b = median(times['base']?.[i] ?? []);
    const c = median(times['cur']?.[i] ?? []);
    console.log(
      `  ${label(q).padEnd(30)} ${fmt(b).padStart(6)} ${fmt(c).padStart(6)} ${(c / b).toFixed(2).padStart(6)}  ${rows['base']?.[i]}/${rows['cur']?.[i]}`,
    );
  });
  for (const [title, qs, offset] of [
    ['lists', listQueries, 0],
    ['searches', searchQueries, listQueries.length],
  ] as const) {
    for (const v of names) {
      const flat = qs.flatMap((_, i) => times[v]?.[offset + i] ?? []);
      const worst = Math.max(...qs.map((_, i) => median(times[v]?.[offset + i] ?? [])));
      console.log(
        `  ${title} ${v}: median ${fmt(median(flat))}  p95 ${fmt(p95(flat))}  worst query median ${fmt(worst)}`,
      );
    }
  }
  if (mismatches.size) console.log(`  results differ for: ${[...mismatches].join(', ')}`);
  await closeBrowser();
  close();
}

async function rawMode(): Promise<void> {
  const { url, close } = await serve({ 'raw.js': await bundle('bench/store-perf/raw.js', repo) });
  const page = await openPage(url, 'raw.js');
  const only = flag('variants', '');
  const variants = only
    ? only.split(',')
    : ((await page.evaluate(() =>
        (globalThis as unknown as PageApis).raw['variants']?.(null),
      )) as string[]);
  const vias = flag('via', 'raw,dexie').split(',');
  const runs: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  const ratios: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) {
    const round: Record<string, number> = {};
    const order = r % 2 ? [...variants].reverse() : variants;
    for (const variant of order)
      for (const via of vias) {
        const cpuBefore = browserCpuMs();
        const { ms } = await page.evaluate(
          (a) => (globalThis as unknown as PageApis).raw['write']?.(a) as Promise<{ ms: number }>,
          { variant, via, count: bootCount, seed: 3 + r, assignees },
        );
        (runs[`${variant}/${via}`] ??= []).push(ms);
        (cpu[`${variant}/${via}`] ??= []).push(browserCpuMs() - cpuBefore);
        round[`${variant}/${via}`] = ms;
      }
    const reference = round[`${variants[0]}/${vias[0]}`] ?? 1;
    for (const [key, ms] of Object.entries(round)) (ratios[key] ??= []).push(ms / reference);
  }
  console.log(
    `\nwrite ${bootCount} tasks, ${rounds} rounds: median wall ms, median of per-round ratios to ${variants[0]}/${vias[0]}, median browser CPU ms and its ratio`,
  );
  const refCpu = median(cpu[`${variants[0]}/${vias[0]}`] ?? [1]);
  for (const [key, xs] of Object.entries(runs)) {
    const c = median(cpu[key] ?? []);
    console.log(
      `  ${key.padEnd(24)} ${fmt(median(xs)).padStart(6)}  ${median(ratios[key] ?? []).toFixed(2)}   cpu ${fmt(c).padStart(6)}  ${(c / refCpu).toFixed(2)}   ${xs.map(fmt).join(' ')}`,
    );
  }
  await closeBrowser();
  close();
}

await (mode === 'raw' ? rawMode() : storeMode());
