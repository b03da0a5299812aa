import type { EntityKind, EntityRef } from '../sync/protocol.js';
import { sql } from 'kysely';
import { isPostgres, type Db } from './open.js';
import type { SyncClientsTable, SyncResultsTable } from './schema.js';

// The change log pulls read from, and the per-client record that makes pushes exactly-once.

export interface ChangeRecord {
  kind: EntityKind;
  entityId: string;
  /** Only this user may be concerned (a private filter, own call history); null = anyone in the instance. */
  audienceUserId: string | null;
}

const INSERT_CHUNK = 200;

/**
 * Records changes under the instance's next change seqs; call it inside the write's transaction,
 * as its last statement before commit. On PostgreSQL the UPDATE takes the instance row's lock and
 * holds it until commit, so seqs of one instance are handed out in commit order: a puller that
 * sees seq n committed has every seq below n committed too, and never skips one. SQLite has one
 * writer at a time, which gives the same order.
 */
export async function recordChanges(
  tx: Db,
  instanceId: string,
  changes: readonly ChangeRecord[],
): Promise<number | undefined> {
  if (changes.length === 0) return undefined;
  if (isPostgres(tx) && changes.length <= INSERT_CHUNK)
    return recordInOneStatement(tx, instanceId, changes);
  const row = await tx
    .updateTable('instances')
    .set((eb) => ({ change_seq: eb('change_seq', '+', changes.length) }))
    .where('id', '=', instanceId)
    .returning('change_seq')
    .executeTakeFirstOrThrow();
  const last = Number(row.change_seq);
  const first = last - changes.length + 1;
  const rows = changes.map((c, i) => ({
    instance_id: instanceId,
    seq: first + i,
    kind: c.kind,
    entity_id: c.entityId,
    audience_user_id: c.audienceUserId,
  }));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx
      .insertInto('sync_changes')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
  return last;
}

/**
 * PostgreSQL: the seq UPDATE and the INSERT as one statement, so the instance row's lock (held to
 * commit, and every writer of the instance queues on it) is held one round trip less. Under 200
 * agents pressing Play, that lock is the queue (bench/routing-claims.ts).
 */
async function recordInOneStatement(
  tx: Db,
  instanceId: string,
  changes: readonly ChangeRecord[],
): Promise<number> {
  const n = changes.length;
  const values = sql.join(
    changes.map(
      (c, i) =>
        sql`(${i + 1}::int, ${c.kind}::text, ${c.entityId}::text, ${c.audienceUserId}::text)`,
    ),
  );
  const result = await sql<{ last: number }>`
    with next as (
      update instances set change_seq = change_seq + ${n}::int
      where id = ${instanceId}
      returning change_seq
    ), added as (
      insert into sync_changes (instance_id, seq, kind, entity_id, audience_user_id)
      select ${instanceId}, next.change_seq - ${n}::int + v.ord, v.kind, v.entity_id, v.audience
      from next, (values ${values}) as v (ord, kind, entity_id, audience)
    )
    select change_seq as last from next`.execute(tx);
  const last = result.rows[0]?.last;
  if (last === undefined) throw new Error(`No instance ${instanceId} to record changes in.`);
  return Number(last);
}

export async function currentChangeSeq(db: Db, instanceId: string): Promise<number> {
  const row = await db
    .selectFrom('instances')
    .select('change_seq')
    .where('id', '=', instanceId)
    .executeTakeFirst();
  return Number(row?.change_seq ?? 0);
}

export interface ChangeEntry {
  seq: number;
  kind: EntityKind;
  entityId: string;
}

/** Changes with after < seq <= upTo that may concern the user, in seq order. */
export async function listChanges(
  db: Db,
  instanceId: string,
  userId: string,
  after: number,
  upTo: number,
  limit: number,
): Promise<ChangeEntry[]> {
  const rows = await db
    .selectFrom('sync_changes')
    .select(['seq', 'kind', 'entity_id'])
    .where('instance_id', '=', instanceId)
    .where('seq', '>', after)
    .where('seq', '<=', upTo)
    .where((eb) => eb.or([eb('audience_user_id', 'is', null), eb('audience_user_id', '=', userId)]))
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    kind: r.kind as EntityKind,
    entityId: r.entity_id,
  }));
}

// ---------------------------------------------------------------------------------------------

export type SyncClientRow = SyncClientsTable;

export async function findSyncClient(db: Db, clientId: string): Promise<SyncClientRow | undefined> {
  const row = await db
    .selectFrom('sync_clients')
    .selectAll()
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row && { ...row, last_seq: Number(row.last_seq) };
}

/** Registers the client for this user and instance unless it exists; returns the stored row. */
export async function ensureSyncClient(db: Db, row: SyncClientRow): Promise<SyncClientRow> {
  await db
    .insertInto('sync_clients')
    .values(row)
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  const stored = await findSyncClient(db, row.client_id);
  if (!stored) throw new Error('sync client vanished right after it was stored');
  return stored;
}

/**
 * The client's last applied seq, with its row locked until the transaction ends: on PostgreSQL a
 * concurrent push of the same client (a second tab) waits here, then reads what this one
 * committed; SQLite runs one transaction at a time on our single connection already.
 */
export async function lockSyncClientSeq(tx: Db, clientId: string): Promise<number> {
  const row = await tx
    .updateTable('sync_clients')
    .set((eb) => ({ last_seq: eb.ref('last_seq') }))
    .where('client_id', '=', clientId)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

/** Moves the client's last applied seq; call it in the transaction that locked the row. */
export async function setSyncClientSeq(tx: Db, clientId: string, seq: number): Promise<void> {
  await tx
    .updateTable('sync_clients')
    .set({ last_seq: seq })
    .where('client_id', '=', clientId)
    .execute();
}

export interface StoredResult {
  seq: number;
  mutationId: string;
  status: 'ok' | 'rejected';
  reason: string | null;
  message: string | null;
  touched: EntityRef[];
}

export async function insertSyncResults(
  tx: Db,
  clientId: string,
  results: readonly StoredResult[],
): Promise<void> {
  const rows: SyncResultsTable[] = results.map((result) => ({
    client_id: clientId,
    seq: result.seq,
    mutation_id: result.mutationId,
    status: result.status,
    reason: result.reason,
    message: result.message,
    touched: JSON.stringify(result.touched),
  }));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx
      .insertInto('sync_results')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
}

export async function findSyncResults(
  db: Db,
  clientId: string,
  seqs: readonly number[],
): Promise<Map<number, StoredResult>> {
  const found = new Map<number, StoredResult>();
  if (seqs.length === 0) return found;
  const rows = await db
    .selectFrom('sync_results')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('seq', 'in', [...seqs])
    .execute();
  for (const row of rows) {
    found.set(Number(row.seq), {
      seq: Number(row.seq),
      mutationId: row.mutation_id,
      status: row.status === 'ok' ? 'ok' : 'rejected',
      reason: row.reason,
      message: row.message,
      touched: JSON.parse(row.touched) as EntityRef[],
    });
  }
  return found;
}
