// Every schema version the local database has had, in order. A version is never edited once it
// has shipped: add the next one with its upgrade, and a test that upgrades from the previous one.
//
// Indexes serve the list queries; compound ones end in the sort key so "where X, newest first,
// limit 50" reads 50 index entries instead of scanning. Each index costs time on every write
// (bootstrap puts thousands of tasks), so only what a query needs is indexed. A task's `*words`
// entries are [word, updatedAt ms]: one word's tasks read newest first from one key range.
import type { Transaction } from 'dexie';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  /** Rewrites rows of the previous version (see schema.test.ts for the upgrade harness). */
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const schemaVersions: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      tasks:
        'id, [status+updatedAt], [assigneeKey+status+updatedAt], [type+status+updatedAt], *words',
      comments: 'id, [taskId+createdAt]',
      logItems: 'id, [taskId+createdAt]',
      filters: 'id',
      contacts: 'id, name, *words',
      members: 'userId',
      agentStatuses: 'userId',
      calls: 'id, startedAt',
      attachments: 'id',
      outbox: 'seq',
      rejected: 'id',
      meta: 'key',
    },
  },
  {
    // Without [type+status+updatedAt]: a type is one of four, so its tasks are a quarter of a
    // status list and a list walk filters them in a few ms; its 10k entries cost ~6% of a
    // bootstrap. Dexie drops the index; the rows stay as they are.
    version: 2,
    stores: {
      tasks: 'id, [status+updatedAt], [assigneeKey+status+updatedAt], *words',
    },
  },
  {
    // The instance's custom agent statuses (issue 6): a handful, read whole by the status menu.
    version: 3,
    stores: { statusDefinitions: 'id' },
  },
  {
    // Skill, type, priority and due filters read index ranges instead of testing the rows of the
    // status lists (issue 5: a filter change's first 50 rows within 16 ms at 100k tasks). The key fields
    // are written with the search words, after a bootstrap (words-pass.ts): each index costs every
    // task a write, and the bootstrap has a time goal of its own. The upgrade marks the rows as
    // pending, so the words pass adds the keys to what version 3 stored.
    version: 4,
    stores: {
      tasks:
        'id, [status+updatedAt], [assigneeKey+status+updatedAt], [status+typeKey+updatedAt], [status+priorityKey+updatedAt], [status+dueDayKey+updatedAt], [status+dueHourKey+updatedAt], *skillKeys, *words',
    },
    upgrade: (tx) =>
      tx
        .table('meta')
        .put({ key: 'wordsPending', value: 'schema-4' })
        .then(() => {}),
  },
];

export const currentSchemaVersion = schemaVersions[schemaVersions.length - 1]?.version ?? 0;
