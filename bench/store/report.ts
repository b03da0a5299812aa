// Summaries and the printed / markdown table of the store benchmarks.

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
