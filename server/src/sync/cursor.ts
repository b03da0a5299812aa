import { bootstrapSections } from '../db/index.js';

// A pull cursor: opaque to the client (base64url JSON). It names the instance it belongs to, the
// change seq the bootstrap's snapshot started at, and while bootstrapping, where the next page
// resumes (section index and last id delivered).

export interface Cursor {
  instanceId: string;
  /** Changes up to this seq are in the client's store (or, while bootstrapping, will be). */
  seq: number;
  bootstrap?: { section: number; afterId: string };
}

export function encodeCursor(cursor: Cursor): string {
  const b = cursor.bootstrap;
  const body = {
    v: 1,
    i: cursor.instanceId,
    s: cursor.seq,
    ...(b ? { b: [b.section, b.afterId] } : {}),
  };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** The cursor, or undefined when the text is not one this server made. */
export function decodeCursor(text: string): Cursor | undefined {
  if (text.length > 1000) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { v, i, s, b } = body as Record<string, unknown>;
  if (v !== 1 || typeof i !== 'string' || !Number.isSafeInteger(s) || (s as number) < 0)
    return undefined;
  const cursor: Cursor = { instanceId: i, seq: s as number };
  if (b === undefined) return cursor;
  if (!Array.isArray(b) || b.length !== 2) return undefined;
  const [section, afterId] = b as unknown[];
  if (
    !Number.isInteger(section) ||
    (section as number) < 0 ||
    (section as number) >= bootstrapSections.length ||
    typeof afterId !== 'string'
  ) {
    return undefined;
  }
  return { ...cursor, bootstrap: { section: section as number, afterId } };
}
