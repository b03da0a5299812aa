import { chooseSeed } from '../tests/chaos/prng';
import { runChaos } from '../tests/chaos/run';

// The long chaos run (issue 4): 1,000 cycles of offline/online, browser close mid-flush, server
// restarts, 500s, timeouts and duplicate deliveries against the real built server, then the
// server's state checked against the model: 0 lost, 0 duplicated. CHAOS_SEED replays a run.
const seed = chooseSeed(process.env['CHAOS_SEED']);
const cycles = Number(process.env['CHAOS_CYCLES'] ?? 1000);

console.log(`chaos: seed ${seed}, ${cycles} cycles`);
const trace: string[] = [];
const report = await runChaos({
  seed,
  cycles,
  log: (line) => {
    trace.push(line);
    if (line.startsWith('#') && Number(line.slice(1, line.indexOf(' '))) % 100 === 0) {
      console.log(`  ${line.split(' ')[0]}`);
    }
  },
}).catch((error: unknown) => {
  console.log(trace.join('\n'));
  throw error;
});
const passed = report.mismatches.length === 0 && report.lost === 0 && report.duplicated === 0;
const total = (counts: Record<string, number | undefined>) =>
  Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);

console.log(`\ncycles              ${report.cycles}`);
console.log(`duration            ${(report.durationMs / 1000).toFixed(1)} s`);
console.log(`mutations           ${total(report.mutations)}  ${JSON.stringify(report.mutations)}`);
console.log(`pushes              ${report.pushes}`);
console.log(`faults              ${total(report.faults)}`);
for (const [kind, n] of Object.entries(report.faults)) console.log(`  ${kind.padEnd(28)}${n}`);
console.log(
  `checked             ${report.checked.comments} comments, ${report.checked.logItems} log items, ${report.checked.tasks} tasks, ${report.checked.filters} filters`,
);
console.log(`lost                ${report.lost}`);
console.log(`duplicated          ${report.duplicated}`);
console.log(`result              ${passed ? 'PASS' : 'FAIL'} (seed ${seed})`);
if (!passed) {
  console.log(report.mismatches.join('\n'));
  console.log(trace.join('\n'));
  process.exitCode = 1;
}
