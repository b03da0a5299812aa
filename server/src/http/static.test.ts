import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createTestDatabase, testConfig, type TestDatabase } from '../test-support/test-app.js';
import type { App } from './types.js';

let webRoot: string;
let database: TestDatabase;
let app: App;

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'sb-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Switchboard</title>');
  writeFileSync(join(webRoot, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(webRoot, 'manifest.webmanifest'), '{"name":"Switchboard"}');
  writeFileSync(join(webRoot, 'robots.txt'), 'User-agent: *');
  writeFileSync(join(webRoot, 'assets', 'app-abc123.js'), 'console.log(1);');
  writeFileSync(join(webRoot, 'assets', 'big-def456.js'), 'export const x = 1;\n'.repeat(500));
  database = await createTestDatabase();
  app = await buildApp({
    config: testConfig({ WEB_ROOT: webRoot, DATABASE_URL: database.url }),
    db: database.db,
  });
});
afterAll(async () => {
  await app.close();
  await database.close();
  rmSync(webRoot, { recursive: true, force: true });
});

const html = { accept: 'text/html,application/xhtml+xml' };

describe('serving the PWA', () => {
  it('hashed assets are immutable for a year', async () => {
    const response = await app.inject({ url: '/assets/app-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.body).toBe('console.log(1);');
  });

  it('index.html, sw.js and the manifest are revalidated every time', async () => {
    for (const url of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      const response = await app.inject({ url, headers: html });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('compresses files over 1 KB for clients that accept it, and leaves the bytes intact', async () => {
    const source = 'export const x = 1;\n'.repeat(500);
    const br = await app.inject({
      url: '/assets/big-def456.js',
      headers: { 'accept-encoding': 'br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(source.length / 10);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(source);
    const gzip = await app.inject({
      url: '/assets/big-def456.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(source);
    const plain = await app.inject({ url: '/assets/big-def456.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(source);
  });

  it('other public files get a short cache', async () => {
    const response = await app.inject({ url: '/robots.txt' });
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('client-side routes fall back to index.html for HTML requests', async () => {
    const response = await app.inject({ url: '/tasks/123', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('<title>Switchboard</title>');
    const invite = await app.inject({ url: '/invite/some-token', headers: html });
    expect(invite.body).toContain('<title>Switchboard</title>');
  });

  it('never falls back for /api or for non-HTML requests', async () => {
    const api = await app.inject({ url: '/api/unknown', headers: html });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    const script = await app.inject({ url: '/assets/missing.js', headers: { accept: '*/*' } });
    expect(script.statusCode).toBe(404);
  });

  it('sends a strict CSP and the other security headers', async () => {
    const response = await app.inject({ url: '/', headers: html });
    const csp = String(response.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "media-src 'self' blob:",
      "worker-src 'self'",
      "manifest-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "object-src 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toMatch(
      /connect-src 'self' ws:\/\/127\.0\.0\.1:8080 ws:\/\/127\.0\.0\.1:5066 wss:\/\/127\.0\.0\.1:5066/,
    );
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['permissions-policy']).toBe('microphone=(self), camera=()');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    // HSTS only over https.
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});
