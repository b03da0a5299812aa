// One Dexie database per user and instance: switching instance switches database, and signing
// out can keep or wipe exactly one user's data.
import Dexie, { type DexieOptions, type Table } from 'dexie';
import type {
  MetaRow,
  OutboxRow,
  PendingAttachment,
  RejectedRow,
  StoredContact,
  StoredTask,
  SyncAgentStatus,
  SyncCall,
  SyncComment,
  SyncFilter,
  SyncLogItem,
  SyncMember,
  SyncStatusDefinition,
} from './records';
import { schemaVersions } from './schema';

export function dbNameFor(userId: string, instanceId: string): string {
  return `switchboard-${userId}-${instanceId}`;
}

export class SyncDb extends Dexie {
  declare tasks: Table<StoredTask, string>;
  declare comments: Table<SyncComment, string>;
  declare logItems: Table<SyncLogItem, string>;
  declare filters: Table<SyncFilter, string>;
  declare contacts: Table<StoredContact, string>;
  declare members: Table<SyncMember, string>;
  declare agentStatuses: Table<SyncAgentStatus, string>;
  declare calls: Table<SyncCall, string>;
  declare statusDefinitions: Table<SyncStatusDefinition, string>;
  declare attachments: Table<PendingAttachment, string>;
  declare outbox: Table<OutboxRow, number>;
  declare rejected: Table<RejectedRow, string>;
  declare meta: Table<MetaRow, string>;

  constructor(name: string, options: DexieOptions = {}) {
    // Relaxed durability: a commit is done once the OS has it, not after an fsync. It loses data
    // only on power loss (Firefox's and Safari's default anyway) and speeds up bootstrap writes.
    super(name, { chromeTransactionDurability: 'relaxed', ...options });
    for (const { version, stores, upgrade } of schemaVersions) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
  }
}

/** The tables a transaction over the whole store touches, for mutators, pull and flush. */
export function allTables(db: SyncDb): Table[] {
  return [
    db.tasks,
    db.comments,
    db.logItems,
    db.filters,
    db.contacts,
    db.members,
    db.agentStatuses,
    db.calls,
    db.statusDefinitions,
    db.attachments,
    db.outbox,
    db.rejected,
    db.meta,
  ];
}
