// Writes a list of server changes into the tables: one bulkPut and one bulkDelete per kind, the
// fast path for bootstrap pages. Call inside a transaction over the tables involved.
import type { Change, EntityKind } from '../domain';
import type { SyncDb } from './db';
import { toListedTask, toStoredContact, toStoredTask } from './stored';
import type { Table } from 'dexie';

type Pending = Map<string, { op: 'put'; row: unknown } | { op: 'delete' }>;

function tableOf(db: SyncDb, kind: EntityKind): Table {
  switch (kind) {
    case 'task':
      return db.tasks;
    case 'comment':
      return db.comments;
    case 'logItem':
      return db.logItems;
    case 'filter':
      return db.filters;
    case 'contact':
      return db.contacts;
    case 'member':
      return db.members;
    case 'agentStatus':
      return db.agentStatuses;
    case 'call':
      return db.calls;
    case 'statusDefinition':
      return db.statusDefinitions;
  }
}

function idOf(change: Change): string {
  if (change.op === 'delete') return change.id;
  switch (change.kind) {
    case 'member':
    case 'agentStatus':
      return change.value.userId;
    default:
      return change.value.id;
  }
}

function rowOf(change: Change & { op: 'put' }, withoutWords: boolean): unknown {
  switch (change.kind) {
    case 'task':
      return withoutWords ? toListedTask(change.value) : toStoredTask(change.value);
    case 'contact':
      return toStoredContact(change.value);
    default:
      return change.value;
  }
}

export interface ApplyOptions {
  /** Tasks without their search words (a bootstrap page; see words-pass.ts). */
  withoutWords?: boolean;
}

export async function applyChanges(
  db: SyncDb,
  changes: readonly Change[],
  options: ApplyOptions = {},
): Promise<void> {
  const withoutWords = options.withoutWords ?? false;
  // The last change of an entity wins, so grouping by kind keeps the page's meaning.
  const byKind = new Map<EntityKind, Pending>();
  for (const change of changes) {
    let pending = byKind.get(change.kind);
    if (!pending) byKind.set(change.kind, (pending = new Map()));
    pending.set(
      idOf(change),
      change.op === 'put' ? { op: 'put', row: rowOf(change, withoutWords) } : change,
    );
  }
  // Every kind's writes are issued at once: in a transaction still waiting for the one before
  // (pull.ts), all rows are handed to IndexedDB while it waits.
  await Promise.all(
    [...byKind].map(async ([kind, pending]) => {
      const puts: unknown[] = [];
      const deletes: string[] = [];
      for (const [id, entry] of pending) {
        if (entry.op === 'put') puts.push(entry.row);
        else deletes.push(id);
      }
      const table = tableOf(db, kind);
      if (puts.length > 0) await table.bulkPut(puts);
      if (deletes.length > 0) await table.bulkDelete(deletes);
    }),
  );
}
