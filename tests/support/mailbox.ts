import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { mailDir } from './paths.js';
import type { StoredMail } from './smtp-sink.js';

function readAll(): StoredMail[] {
  let names: string[] = [];
  try {
    // Mails being written are `.json.tmp` until renamed (smtp-sink.ts).
    names = readdirSync(mailDir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
  return names.map((n) => JSON.parse(readFileSync(path.join(mailDir, n), 'utf8')) as StoredMail);
}

/** Waits for the newest mail to `to` that holds a link under `pathPrefix`, and returns that link. */
export async function waitForLink(
  to: string,
  pathPrefix: string,
  timeoutMs = 10_000,
): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s"'<>]+${pathPrefix}[A-Za-z0-9_-]+`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const mail = readAll()
      .reverse()
      .find((m) => m.to.includes(to.toLowerCase()) && pattern.test(m.text));
    const link = mail?.text.match(pattern)?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No mail to ${to} with a ${pathPrefix} link within ${timeoutMs} ms`);
}
