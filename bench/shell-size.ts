import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { distDir } from '../tests/support/paths.js';

// First-load JavaScript of the shell: every script and modulepreload that index.html names,
// minified (as built) and gzipped at level 9, the way a CDN or the server would compress them.
export function measureShellSize(): {
  files: { file: string; raw: number; gzip: number }[];
  totalGzip: number;
} {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(
      /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g,
    ),
  ].map((m) => m[1] ?? '');
  const files = [...new Set(refs)].map((ref) => {
    const body = readFileSync(path.join(distDir, ref.replace(/^\//, '')));
    return { file: ref, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
  return { files, totalGzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

/** Gzipped size of the lazily loaded chunks whose file names start with one of `prefixes`. */
export function measureLazyChunks(prefixes: string[]): { file: string; gzip: number }[] {
  const dir = path.join(distDir, 'assets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js') && prefixes.some((p) => f.startsWith(`${p}-`)))
    .map((f) => ({
      file: f,
      gzip: gzipSync(readFileSync(path.join(dir, f)), { level: 9 }).length,
    }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { files, totalGzip } = measureShellSize();
  for (const f of files)
    console.log(
      `${f.file}  ${(f.raw / 1024).toFixed(1)} KB min  ${(f.gzip / 1024).toFixed(1)} KB gzip`,
    );
  console.log(`first-load JS (min+gzip): ${(totalGzip / 1024).toFixed(1)} KB`);
  for (const c of measureLazyChunks(['sip', 'number', 'phone', 'PhoneDock', 'PhonePage'])) {
    console.log(`lazy ${c.file}  ${(c.gzip / 1024).toFixed(1)} KB gzip`);
  }
}
