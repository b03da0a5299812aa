import { describe, expect, it } from 'vitest';
import { chooseSeed } from './prng';
import { runChaos } from './run';

// The fast chaos run of `npm test` (the long one is bench/chaos.ts, 1,000 cycles). A failing seed
// replays with CHAOS_SEED=<seed> npx vitest run --project chaos (after npm run build).
const seed = chooseSeed(process.env['CHAOS_SEED']);
const cycles = Number(process.env['CHAOS_CYCLES'] ?? 30);

describe('sync under chaos', () => {
  it(`loses and duplicates nothing over ${cycles} cycles (seed ${seed})`, async () => {
    console.log(`chaos seed ${seed}`);
    const trace: string[] = [];
    const report = await runChaos({ seed, cycles, log: (line) => trace.push(line) }).catch(
      (error: unknown) => {
        console.log(trace.join('\n'));
        throw error;
      },
    );
    if (report.mismatches.length > 0) console.log(trace.join('\n'));
    console.log(JSON.stringify({ ...report, trace: undefined }));
    expect(report.mismatches).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.checked.comments).toBeGreaterThan(0);
  });
});

// The checks above must be able to fail: a server that breaks the push rules once is noticed.
// Offline cycles only, so the sabotaged push (the first after coming back) is the same each run.
describe('the chaos checks notice a server that', () => {
  const sabotaged = (sabotage: 'ackWithoutApplying' | 'reissueComments' | 'swapComments') =>
    runChaos({ seed: 1, cycles: 3, scenarios: ['offline'], sabotage });

  it('acknowledges comments without storing them', async () => {
    const report = await sabotaged('ackWithoutApplying');
    expect(report.faults['sabotage.ackWithoutApplying']).toBe(1);
    expect(report.lost).toBeGreaterThan(0);
    expect(report.mismatches.some((m) => m.startsWith('outbox:'))).toBe(true);
  });

  it('stores comments twice', async () => {
    const report = await sabotaged('reissueComments');
    expect(report.faults['sabotage.reissueComments']).toBe(1);
    expect(report.duplicated).toBeGreaterThan(0);
    expect(report.lost).toBe(0);
  });

  it('stores comments out of seq order', async () => {
    const report = await sabotaged('swapComments');
    expect(report.faults['sabotage.swapComments']).toBe(1);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.mismatches.some((m) => m.startsWith('comments: out of order'))).toBe(true);
  });
});
