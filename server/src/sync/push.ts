import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import {
  claimSeq,
  ensureSyncClient,
  findSyncClient,
  findSyncResults,
  insertSyncResult,
  loadChanges,
  recordChanges,
  withTransaction,
  type ChangeRecord,
  type Db,
  type StoredResult,
} from '../db/index.js';
import { AppError } from '../http/errors.js';
import type { Actor } from './apply-context.js';
import { applyMutation } from './appliers.js';
import type { IncomingMutation } from './incoming.js';
import { audienceOf, type Poker } from './poker.js';
import type { MutationResult, RejectReason } from './protocol.js';

export const PUSH_MAX_MUTATIONS = 500;

export interface PushDeps {
  db: Db;
  clock: Clock;
  poker: Poker;
}

/**
 * Applies a client's mutations in seq order, each in its own transaction together with moving
 * the client's last seq and recording its result, so a retried push never applies one twice.
 * A seq already recorded is answered from the record; a seq beyond the next one is a gap (409).
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
  const recorded = await findSyncResults(
    db,
    clientId,
    ordered.filter((m) => m.seq <= client.last_seq).map((m) => m.seq),
  );
  const results: MutationResult[] = [];
  const committed: ChangeRecord[] = [];
  let expected = client.last_seq + 1;
  try {
    for (const mutation of ordered) {
      if (mutation.seq > expected) {
        throw new AppError(
          'conflict',
          `Mutation seq ${mutation.seq} came before seq ${expected}; push again from seq ${expected}.`,
          undefined,
          { expectedSeq: expected },
        );
      }
      let stored = mutation.seq < expected ? recorded.get(mutation.seq) : undefined;
      if (mutation.seq === expected) {
        const applied = await applyOne(deps, actor, clientId, mutation);
        if (applied) {
          stored = applied.stored;
          committed.push(...applied.changes);
        }
        expected += 1;
      }
      // Recorded earlier, by a concurrent push of the same client, or a duplicate in this push.
      stored ??= (await findSyncResults(db, clientId, [mutation.seq])).get(mutation.seq);
      results.push(await toResult(db, actor, mutation.seq, stored));
    }
  } finally {
    const audience = audienceOf(committed);
    if (audience) deps.poker.poke(actor.instanceId, audience);
  }
  return results;
}

/** One mutation in one transaction; undefined when another push claimed this seq first. */
async function applyOne(
  deps: PushDeps,
  actor: Actor,
  clientId: string,
  mutation: IncomingMutation,
): Promise<{ stored: StoredResult; changes: ChangeRecord[] } | undefined> {
  return withTransaction(deps.db, async (tx) => {
    if (!(await claimSeq(tx, clientId, mutation.seq))) return undefined;
    const outcome = await applyMutation(
      { tx, actor, now: deps.clock().toISOString(), newId: randomUUID },
      mutation,
    );
    const stored: StoredResult =
      outcome.status === 'ok'
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
    await insertSyncResult(tx, clientId, stored);
    const changes = outcome.status === 'ok' ? outcome.changes : [];
    // Last: recordChanges locks the instance's change seq until this transaction commits.
    await recordChanges(tx, actor.instanceId, changes);
    return { stored, changes };
  });
}

async function toResult(
  db: Db,
  actor: Actor,
  seq: number,
  stored: StoredResult | undefined,
): Promise<MutationResult> {
  // No record below the client's last seq cannot happen unless records were pruned: done long ago.
  if (!stored || stored.status === 'ok') return { seq, status: 'ok' };
  return {
    seq,
    status: 'rejected',
    reason: stored.reason as RejectReason,
    message: stored.message ?? 'The server rejected this change.',
    // The current state, even on a replay: the client undoes its optimistic effect with it.
    changes: await loadChanges(db, actor, stored.touched),
  };
}
