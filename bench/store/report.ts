// Summaries and the printed / markdown table of the store benchmarks.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'prettier';
import { repoRoot } from '../../tests/support/paths.js';

export interface Row {
  measure: string;
  /** Milliseconds of each run. */
  runs: number[];
  /** The goal in ms, when the issue sets one. */
  goalMs?: number;
  note?: string;
}

export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  // Nearest rank: the p95 of 20 runs is the 19th, not an interpolation below the worst ones.
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

function verdict(row: Row): string {
  if (row.goalMs === undefined) return '';
  const med = median(row.runs) <= row.goalMs ? 'pass' : 'FAIL';
  const p95 = quantile(row.runs, 0.95) <= row.goalMs ? 'pass' : 'FAIL';
  return med === p95 ? med : `${med} (p95 ${p95})`;
}

function cells(row: Row): string[] {
  return [
    row.measure,
    ms(median(row.runs)),
    ms(quantile(row.runs, 0.95)),
    String(row.runs.length),
    row.goalMs === undefined ? '' : `≤ ${row.goalMs}`,
    verdict(row),
    row.note ?? '',
  ];
}

const header = ['measure', 'median ms', 'p95 ms', 'runs', 'goal ms', 'vs goal', 'note'];

export function printTable(rows: readonly Row[]): void {
  const table = [header, ...rows.map(cells)];
  const widths = header.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  for (const [n, r] of table.entries()) {
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

export function markdownTable(rows: readonly Row[]): string {
  const line = (r: string[]) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map((r) => line(cells(r)))].join(
    '\n',
  );
}

export interface RunReport {
  /** The results' file names: bench/results/<name>.md and bench-results/<name>.json. */
  name: string;
  title: string;
  /** The sentence after the title, given when (UTC) and what was measured ("abc1234 …"). */
  describe: (when: string, built: string) => string;
  rows: readonly Row[];
  facts: string[];
  loadAtStart: number;
  /** Only a whole run is the record; a partial run just prints. */
  record: boolean;
}

/** Prints the table and facts with the load average; a whole run also writes its results. */
export async function reportRun(report: RunReport): Promise<void> {
  const facts = [
    ...report.facts,
    `Load average (1 min) ${report.loadAtStart.toFixed(1)} at the start and ${(os.loadavg()[0] ?? NaN).toFixed(1)} at the end, on ${os.cpus().length} cores: anything else running on the machine inflates these numbers.`,
  ];
  console.log('');
  printTable(report.rows);
  for (const fact of facts) console.log(`- ${fact}`);
  if (!report.record) return;
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  // Others may be changing the code while the bench runs: say what was measured.
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot }).toString().trim();
  const dirty = git('status', '--porcelain', '--', 'src', 'server/src') !== '';
  const built = `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in src/ or server/src/' : ''}`;
  const markdown = [
    `# ${report.title}`,
    '',
    report.describe(when, built),
    '',
    markdownTable(report.rows),
    '',
    ...facts.map((f) => `- ${f}`),
    '',
  ].join('\n');
  mkdirSync(path.join(repoRoot, 'bench/results'), { recursive: true });
  // Formatted as `npm run format:check` wants it, since the file is committed.
  writeFileSync(
    path.join(repoRoot, `bench/results/${report.name}.md`),
    await format(markdown, { parser: 'markdown' }),
  );
  const out = path.join(repoRoot, 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, `${report.name}.json`),
    JSON.stringify(
      report.rows.map((r) => ({ ...r, median: median(r.runs) })),
      null,
      2,
    ),
  );
}
