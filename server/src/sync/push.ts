import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import {
  ensureSyncClient,
  findSyncClient,
  findSyncResults,
  insertSyncResults,
  isTransientConflict,
  loadChanges,
  lockSyncClientSeq,
  recordChanges,
  setSyncClientSeq,
  withBatchTransaction,
  type BatchStep,
  type ChangeRecord,
  type Db,
  type StoredResult,
} from '../db/index.js';
import { AppError } from '../http/errors.js';
import type { Actor, ApplyContext, Outcome } from './apply-context.js';
import { applyMutation } from './appliers.js';
import type { IncomingMutation } from './incoming.js';
import { audienceOf, type Poker } from './poker.js';
import type { Change, MutationResult, RejectReason } from './protocol.js';

export const PUSH_MAX_MUTATIONS = 500;

/** New transactions a push starts after a deadlock before it answers the error. */
const CONFLICT_RETRIES = 2;

/**
 * Mutations per transaction. Fewer than PostgreSQL's 64 cached subtransactions per backend (more
 * make every snapshot check slow), and it bounds how long a push holds its rows (on SQLite, the
 * only connection) and how many versions of one task row a transaction piles up: 500 comments on
 * one task in one transaction took PostgreSQL twice as long as 10 transactions of 50.
 */
const TRANSACTION_MUTATIONS = 50;

export interface PushDeps {
  db: Db;
  clock: Clock;
  poker: Poker;
  /** The appliers (tests wrap them to fail mid-batch). */
  apply?: (ctx: ApplyContext, mutation: IncomingMutation) => Promise<Outcome>;
}

/** What one transaction of a push did. */
interface Batch {
  /** The result of every seq of this push up to the one that stopped it. */
  stored: Map<number, StoredResult>;
  /** For a mutation rejected now: the state right after it, as the client saw it rejected. */
  current: Map<number, Change[]>;
  changes: ChangeRecord[];
  /** The push skipped a seq (409): the one expected and the one that came instead. */
  gap?: { expected: number; came: number };
  /** A mutation threw: the ones before it are committed, it and the later ones are not. */
  failure?: { error: unknown };
  /** Stopped at TRANSACTION_MUTATIONS: the rest goes in the next transaction. */
  more?: boolean;
}

/**
 * Applies a client's mutations in seq order, up to TRANSACTION_MUTATIONS per transaction, each
 * under its own savepoint, and records their results, the client's last seq and their change
 * records before that transaction's commit, so a retried push never applies one twice. A seq already recorded is answered from the record;
 * a seq beyond the next one is a gap (409) and an error thrown by an applier is answered as such,
 * both after committing the mutations before it: the client pushes again from there.
 */
export async function push(
  deps: PushDeps,
  actor: Actor,
  clientId: string,
  mutations: readonly IncomingMutation[],
): Promise<MutationResult[]> {
  const { db } = deps;
  const client =
    (await findSyncClient(db, clientId)) ??
    (await ensureSyncClient(db, {
      client_id: clientId,
      user_id: actor.userId,
      instance_id: actor.instanceId,
      last_seq: 0,
      created_at: deps.clock().toISOString(),
    }));
  if (client.user_id !== actor.userId || client.instance_id !== actor.instanceId) {
    throw new AppError(
      'forbidden',
      'This clientId belongs to another user or instance; make a new one for this local database.',
    );
  }

  const ordered = [...mutations].sort((a, b) => a.seq - b.seq);
  const current = new Map<number, Change[]>();
  let retries = 0;
  let batch: Batch;
  for (;;) {
    batch = await withBatchTransaction(db, (tx, step) =>
      applyBatch(deps, actor, clientId, ordered, tx, step),
    );
    for (const [seq, changes] of batch.current) current.set(seq, changes);
    const audience = audienceOf(batch.changes);
    if (audience) deps.poker.poke(actor.instanceId, audience);
    if (batch.more) continue;
    // The mutations before the deadlocked one are committed; a new transaction goes on from it.
    const transient = batch.failure && isTransientConflict(batch.failure.error);
    if (!transient || retries++ === CONFLICT_RETRIES) break;
  }
  if (batch.failure) throw batch.failure.error;
  if (batch.gap) {
    const { expected, came } = batch.gap;
    throw new AppError(
      'conflict',
      `Mutation seq ${came} came before seq ${expected}; push again from seq ${expected}.`,
      undefined,
      { expectedSeq: expected },
    );
  }
  const results: MutationResult[] = [];
  for (const mutation of ordered) {
    const { seq } = mutation;
    results.push(await toResult(db, actor, seq, batch.stored.get(seq), current.get(seq)));
  }
  return results;
}

async function applyBatch(
  deps: PushDeps,
  actor: Actor,
  clientId: string,
  ordered: readonly IncomingMutation[],
  tx: Db,
  step: BatchStep,
): Promise<Batch> {
  const apply = deps.apply ?? applyMutation;
  const lastSeq = await lockSyncClientSeq(tx, clientId);
  const stored = await findSyncResults(
    tx,
    clientId,
    ordered.filter((m) => m.seq <= lastSeq).map((m) => m.seq),
  );
  const batch: Batch = { stored, current: new Map(), changes: [] };
  const fresh: StoredResult[] = [];
  let expected = lastSeq + 1;
  for (const mutation of ordered) {
    // Recorded by an earlier push (a concurrent one of the same client too), or a duplicate.
    if (mutation.seq < expected) continue;
    if (mutation.seq > expected) {
      batch.gap = { expected, came: mutation.seq };
      break;
    }
    if (fresh.length === TRANSACTION_MUTATIONS) {
      batch.more = true;
      break;
    }
    const now = deps.clock().toISOString();
    const applied = await step(async (sp) => {
      const outcome = await apply({ tx: sp, actor, now, newId: randomUUID }, mutation);
      const current =
        outcome.status === 'rejected' ? await loadChanges(sp, actor, outcome.touched) : undefined;
      return { outcome, current };
    });
    if (!applied.ok) {
      batch.failure = { error: applied.error };
      break;
    }
    const { outcome, current } = applied.value;
    const result = toStored(mutation, outcome);
    fresh.push(result);
    stored.set(mutation.seq, result);
    if (current) batch.current.set(mutation.seq, current);
    if (outcome.status === 'ok') batch.changes.push(...outcome.changes);
    expected += 1;
  }
  if (fresh.length > 0) {
    await insertSyncResults(tx, clientId, fresh);
    await setSyncClientSeq(tx, clientId, expected - 1);
    // Last: recordChanges locks the instance's change seq until this transaction commits, so a
    // big batch holds it only for its last statements, not for the whole batch.
    await recordChanges(tx, actor.instanceId, batch.changes);
  }
  return batch;
}

function toStored(mutation: IncomingMutation, outcome: Outcome): StoredResult {
  return outcome.status === 'ok'
    ? {
        seq: mutation.seq,
        mutationId: mutation.id,
        status: 'ok',
        reason: null,
        message: null,
        touched: [],
      }
    : {
        seq: mutation.seq,
        mutationId: mutation.id,
        status: 'rejected',
        reason: outcome.reason,
        message: outcome.message,
        touched: outcome.touched,
      };
}

async function toResult(
  db: Db,
  actor: Actor,
  seq: number,
  stored: StoredResult | undefined,
  current: Change[] | undefined,
): Promise<MutationResult> {
  // No record below the client's last seq cannot happen unless records were pruned: done long ago.
  if (!stored || stored.status === 'ok') return { seq, status: 'ok' };
  return {
    seq,
    status: 'rejected',
    reason: stored.reason as RejectReason,
    message: stored.message ?? 'The server rejected this change.',
    // The current state, even on a replay: the client undoes its optimistic effect with it.
    changes: current ?? (await loadChanges(db, actor, stored.touched)),
  };
}
