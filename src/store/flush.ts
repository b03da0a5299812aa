// Sends the outbox to the server in seq order and applies its verdicts. The outbox is the record:
// a row leaves it only when the server acknowledged or rejected that seq.
import type { Mutation, MutationResult, SyncTransport, TransportFailure } from '../domain';
import { allTables, type SyncDb } from './db';
import { applyChanges } from './changes';
import { ensureClientId } from './meta';
import { rebasePending } from './rebase';
import type { RejectedRow } from './records';

export type FlushOutcome =
  /** The outbox is empty (or holds only seqs the server did not answer yet). */
  | { status: 'done'; acked: number; rejected: number }
  /** Offline, timeout or 5xx: try again later; nothing was lost. */
  | { status: 'retry'; message: string; acked: number; rejected: number }
  /** 401: the user must sign in again; the outbox waits. */
  | { status: 'authRequired'; acked: number; rejected: number }
  | { status: 'instanceChanged'; acked: number; rejected: number }
  /** Retrying will not help (a gap the client cannot fill, a request the server refuses). */
  | { status: 'failed'; message: string; acked: number; rejected: number };

export interface FlushOptions {
  db: SyncDb;
  transport: SyncTransport;
  userId: string;
  /** Mutations per push (the server takes at most 500). */
  batchSize?: number;
  now?: () => Date;
}

const defaultBatchSize = 200;

export async function flushOutbox(options: FlushOptions): Promise<FlushOutcome> {
  const { db, transport, userId } = options;
  const now = options.now ?? (() => new Date());
  const clientId = await ensureClientId(db);
  let batchSize = options.batchSize ?? defaultBatchSize;
  let acked = 0;
  let rejected = 0;
  const counts = () => ({ acked, rejected });

  for (;;) {
    const rows = await db.outbox.orderBy('seq').limit(batchSize).toArray();
    if (rows.length === 0) return { status: 'done', ...counts() };

    const uploadFailure = await uploadAttachments(db, transport, rows);
    if (uploadFailure) return failureOutcome(uploadFailure, counts());

    const pushed = await transport.push({ clientId, mutations: rows });
    if (!pushed.ok) {
      if (pushed.kind === 'too_large' && batchSize > 1) {
        batchSize = Math.max(1, Math.floor(rows.length / 2));
        continue;
      }
      if (pushed.kind === 'gap' && pushed.expectedSeq !== undefined) {
        const first = rows[0]?.seq ?? 0;
        if (pushed.expectedSeq > first) {
          // The server already applied everything below expectedSeq: those rows are done.
          acked += await dropBelow(db, pushed.expectedSeq);
          continue;
        }
        return {
          status: 'failed',
          message: `The server expects change ${pushed.expectedSeq}, but the oldest waiting change is ${first}.`,
          ...counts(),
        };
      }
      return failureOutcome(pushed, counts());
    }

    const progress = await applyResults(db, userId, rows, pushed.value.results, now());
    acked += progress.acked;
    rejected += progress.rejected;
    // Results for none of what we sent: stop rather than send the same batch in a tight loop.
    if (progress.acked + progress.rejected === 0) {
      return { status: 'retry', message: 'The server answered none of the changes.', ...counts() };
    }
  }
}

function failureOutcome(
  failure: TransportFailure,
  counts: { acked: number; rejected: number },
): FlushOutcome {
  switch (failure.kind) {
    case 'unauthenticated':
      return { status: 'authRequired', ...counts };
    case 'instance_changed':
      return { status: 'instanceChanged', ...counts };
    case 'network':
    case 'server':
      return { status: 'retry', message: failure.message, ...counts };
    case 'gap':
    case 'too_large':
    case 'rejected_request':
      return { status: 'failed', message: failure.message, ...counts };
  }
}

function attachmentIdsOf(mutation: Mutation): string[] {
  return mutation.name === 'comment.add' ? mutation.args.attachments.map((ref) => ref.id) : [];
}

/**
 * PUTs the bytes of every attachment the batch refers to, before the push that needs them. A file
 * the server refuses as too large is not retried: the mutation is still pushed (its seq must reach
 * the server), the server rejects it as `attachment_missing`, and the user sees our reason.
 */
async function uploadAttachments(
  db: SyncDb,
  transport: SyncTransport,
  rows: readonly Mutation[],
): Promise<TransportFailure | null> {
  for (const row of rows) {
    if (row.name !== 'comment.add') continue;
    for (const ref of row.args.attachments) {
      const pending = await db.attachments.get(ref.id);
      if (!pending || pending.failure) continue;
      const uploaded = await transport.uploadAttachment(ref, pending.blob, row.args.taskId);
      if (uploaded.ok) {
        await db.attachments.delete(ref.id);
      } else if (uploaded.kind === 'too_large') {
        await db.attachments.put({
          ...pending,
          blob: new Blob([]),
          failure: `“${ref.name}” is larger than the server accepts.`,
        });
      } else {
        return uploaded;
      }
    }
  }
  return null;
}

async function applyResults(
  db: SyncDb,
  userId: string,
  rows: readonly Mutation[],
  results: readonly MutationResult[],
  at: Date,
): Promise<{ acked: number; rejected: number }> {
  const sent = new Set(rows.map((row) => row.seq));
  let acked = 0;
  let rejected = 0;
  await db.transaction('rw', allTables(db), async () => {
    for (const result of results) {
      if (!sent.has(result.seq)) continue;
      const row = await db.outbox.get(result.seq);
      // A duplicate result for a seq handled a moment ago.
      if (!row) continue;
      await db.outbox.delete(row.seq);
      const attachmentIds = attachmentIdsOf(row);
      if (result.status === 'ok') {
        await db.attachments.bulkDelete(attachmentIds);
        acked++;
        continue;
      }
      const localFailure = (await db.attachments.bulkGet(attachmentIds)).find((a) => a?.failure);
      const entry: RejectedRow = {
        id: row.id,
        mutation: row,
        reason: result.reason,
        message: localFailure?.failure ?? result.message,
        rejectedAt: at.toISOString(),
      };
      await db.rejected.put(entry);
      await db.attachments.bulkDelete(attachmentIds);
      // The server's state of what the mutation touched undoes its optimistic effect.
      await applyChanges(db, result.changes);
      rejected++;
    }
    // The undo may have overwritten rows that later pending mutations changed too.
    if (rejected > 0) await rebasePending(db, userId);
  });
  return { acked, rejected };
}

async function dropBelow(db: SyncDb, expectedSeq: number): Promise<number> {
  return db.transaction('rw', db.outbox, db.attachments, async () => {
    const done = await db.outbox.where('seq').below(expectedSeq).toArray();
    await db.outbox.bulkDelete(done.map((row) => row.seq));
    await db.attachments.bulkDelete(done.flatMap(attachmentIdsOf));
    return done.length;
  });
}
