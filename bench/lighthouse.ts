import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumLaunchOptions } from '../tests/support/browser.js';
import { repoRoot } from '../tests/support/paths.js';
import { startStack } from '../tests/support/stack.js';
import { measureLazyChunks, measureShellSize } from './shell-size.js';

// Lighthouse 12 (mobile preset, the default config) against Debian's Chromium and the real
// built server. Each page is measured `runs` times and the median score is reported, because
// these machines are shared and noisy.
const runs = Number(process.env['BENCH_RUNS'] ?? 3);
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const metrics = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
] as const;
type Scores = Record<(typeof categories)[number], number>;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

async function main(): Promise<void> {
  // With Kamailio: the shell registers the phone after sign-in, as the product does.
  const stack = await startStack({
    port: 18090,
    smtpPort: 18095,
    sip: true,
    dir: path.join(repoRoot, '.run/bench'),
  });
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumLaunchOptions.executablePath,
    chromeFlags: [...chromiumLaunchOptions.args, '--headless=new'],
  });
  try {
    const signIn = await fetch(`${stack.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: stack.baseUrl },
      body: JSON.stringify({ email: 'alice@demo.test', password: 'demo-password' }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (!signIn.ok || !cookie) throw new Error(`bench sign-in failed: ${signIn.status}`);

    const pages: { name: string; url: string; headers: Record<string, string> }[] = [
      { name: 'sign-in', url: `${stack.baseUrl}/signin`, headers: {} },
      { name: 'shell (tasks)', url: `${stack.baseUrl}/tasks`, headers: { Cookie: cookie } },
    ];
    const report: Record<string, Scores & { runs: Scores[] }> = {};
    for (const p of pages) {
      const all: Scores[] = [];
      for (let i = 0; i < runs; i++) {
        const result = await lighthouse(p.url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...categories],
          extraHeaders: p.headers,
        });
        if (!result) throw new Error(`lighthouse gave no result for ${p.url}`);
        const c = result.lhr.categories;
        all.push(Object.fromEntries(categories.map((k) => [k, c[k]?.score ?? 0])) as Scores);
        const a = result.lhr.audits;
        console.log(
          `  run ${i + 1}: ${metrics.map((m) => `${m} ${a[m]?.displayValue ?? '?'}`).join(', ')}`,
        );
      }
      const med = Object.fromEntries(
        categories.map((k) => [k, median(all.map((s) => s[k]))]),
      ) as Scores;
      report[p.name] = { ...med, runs: all };
      console.log(
        `${p.name}: ${categories.map((k) => `${k} ${med[k].toFixed(2)}`).join(', ')} (median of ${runs})`,
      );
    }
    const size = measureShellSize();
    console.log(`first-load JS (min+gzip): ${(size.totalGzip / 1024).toFixed(1)} KB`);
    for (const c of measureLazyChunks(['sip', 'number', 'phone', 'PhoneDock', 'PhonePage'])) {
      console.log(`  loaded after sign-in: ${c.file} ${(c.gzip / 1024).toFixed(1)} KB gzip`);
    }
    const out = path.join(repoRoot, 'bench-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      path.join(out, 'lighthouse.json'),
      JSON.stringify({ report, shellJsGzipBytes: size.totalGzip }, null, 2),
    );
  } finally {
    chrome.kill();
    await stack.stop();
  }
}

await main();
