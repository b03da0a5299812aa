import {
  bootstrapSections,
  currentChangeSeq,
  listChanges,
  loadBootstrapPage,
  loadChanges,
  type Db,
  type Viewer,
} from '../db/index.js';
import { AppError } from '../http/errors.js';
import { decodeCursor, encodeCursor, type Cursor } from './cursor.js';
import type { Change, EntityRef, PullResponse } from './protocol.js';

export const PULL_PAGE = 2000;
/** The bootstrap brings the user's own resolved tasks and calls of this many days. */
export const RECENT_DAYS = 30;

export interface PullOptions {
  now: Date;
  pageSize?: number;
}

/**
 * One page of changes for the viewer. No cursor (or "0") starts a bootstrap at the instance's
 * current change seq; anything that changes while the bootstrap pages run has a later seq, so the
 * incremental pulls after it deliver it: nothing made during a bootstrap is lost.
 */
export async function pull(
  db: Db,
  viewer: Viewer,
  cursorText: string | undefined,
  options: PullOptions,
): Promise<PullResponse> {
  const pageSize = options.pageSize ?? PULL_PAGE;
  if (cursorText === undefined || cursorText === '' || cursorText === '0') {
    const seq = await currentChangeSeq(db, viewer.instanceId);
    return bootstrapPage(
      db,
      viewer,
      { instanceId: viewer.instanceId, seq, bootstrap: { section: 0, afterId: '' } },
      pageSize,
      options.now,
    );
  }
  const cursor = decodeCursor(cursorText);
  if (!cursor || cursor.instanceId !== viewer.instanceId) {
    throw new AppError(
      'bad_request',
      'The cursor is not valid for this instance; pull again without a cursor to start over.',
    );
  }
  return cursor.bootstrap
    ? bootstrapPage(db, viewer, cursor, pageSize, options.now)
    : incrementalPage(db, viewer, cursor.seq, pageSize);
}

async function bootstrapPage(
  db: Db,
  viewer: Viewer,
  cursor: Cursor,
  pageSize: number,
  now: Date,
): Promise<PullResponse> {
  const recentSince = new Date(now.getTime() - RECENT_DAYS * 24 * 60 * 60 * 1000).toISOString();
  let { section, afterId } = cursor.bootstrap ?? { section: 0, afterId: '' };
  const changes: Change[] = [];
  while (section < bootstrapSections.length && changes.length < pageSize) {
    const wanted = pageSize - changes.length;
    const name = bootstrapSections[section];
    if (name === undefined) break;
    const rows = await loadBootstrapPage(db, viewer, name, afterId, wanted, { recentSince });
    for (const row of rows) changes.push(row.change);
    if (rows.length < wanted) {
      section += 1;
      afterId = '';
    } else {
      afterId = rows[rows.length - 1]?.id ?? afterId;
    }
  }
  if (section < bootstrapSections.length) {
    return {
      changes,
      cursor: encodeCursor({ ...cursor, bootstrap: { section, afterId } }),
      more: true,
    };
  }
  // Done: continue from the snapshot; `more` when something changed meanwhile.
  const latest = await currentChangeSeq(db, viewer.instanceId);
  return {
    changes,
    cursor: encodeCursor({ instanceId: viewer.instanceId, seq: cursor.seq }),
    more: latest > cursor.seq,
  };
}

async function incrementalPage(
  db: Db,
  viewer: Viewer,
  after: number,
  pageSize: number,
): Promise<PullResponse> {
  // Read the seq first: every change up to it has committed (see recordChanges), so the list
  // below cannot have holes, and changes the user may not see are stepped over, not re-read.
  const upTo = await currentChangeSeq(db, viewer.instanceId);
  const entries = await listChanges(db, viewer.instanceId, viewer.userId, after, upTo, pageSize);
  const full = entries.length === pageSize;
  const next = full ? (entries[entries.length - 1]?.seq ?? upTo) : upTo;
  // Each entity once, in the order of its latest change, in its current state.
  const latest = new Map<string, EntityRef>();
  for (const entry of entries) {
    const key = `${entry.kind}:${entry.entityId}`;
    latest.delete(key);
    latest.set(key, { kind: entry.kind, id: entry.entityId });
  }
  return {
    changes: await loadChanges(db, viewer, [...latest.values()]),
    cursor: encodeCursor({ instanceId: viewer.instanceId, seq: Math.max(next, after) }),
    more: full,
  };
}
