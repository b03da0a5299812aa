// The upgrade harness: a database written by every earlier schema version must open under the
// current one with its data intact and its queries working. Adding version N means adding the
// rows version N-1 wrote to `writtenBy` (the first test fails until then).
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { SyncDb } from './db';
import { readPendingCount, readSyncMeta, readTasksPage } from './queries';
import { currentSchemaVersion, schemaVersions } from './schema';
import { readStatusDefinitions } from './statuses';
import { fillPendingWords } from './words-pass';
import { fakeStorage } from './testing/fixtures';
import type { StorageOptions } from './registry';

/** Rows as each version stored them, written without the current code's help. */
const writtenBy: Record<number, (db: Dexie) => Promise<void>> = {
  1: rowsOfVersion1,
  // Version 2 only dropped an index: its rows are version 1's.
  2: rowsOfVersion1,
  // Version 3 only added the custom statuses' table.
  3: rowsOfVersion1,
  4: rowsOfVersion4,
};

/** Version 4 rows carry the type, priority and due-day keys. */
async function rowsOfVersion4(db: Dexie): Promise<void> {
  await rowsOfVersion1(db);
  await db.table('tasks').update('t1', { typeKey: 'call', priorityKey: 1 });
}

async function rowsOfVersion1(db: Dexie): Promise<void> {
  await db.table('tasks').put({
    id: 't1',
    type: 'call',
    channel: 'phone',
    title: 'Printer jam',
    description: '',
    customerName: 'Anna Berg',
    customerPhone: null,
    customerEmail: null,
    contactId: null,
    status: 'open',
    assigneeId: null,
    offeredToId: null,
    priority: 1,
    skills: [],
    dueAt: null,
    createdById: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    assigneeKey: '',
    words: ['printer', 'jam', 'anna', 'berg'].map((word) => [
      word,
      Date.parse('2025-01-01T00:00:00.000Z'),
    ]),
  });
  await db.table('outbox').put({
    id: 'm1',
    seq: 1,
    name: 'task.setStatus',
    args: { taskId: 't1', status: 'pending' },
    createdAt: '2025-01-01T00:01:00.000Z',
  });
  await db.table('meta').bulkPut([
    { key: 'clientId', value: 'client-1' },
    { key: 'nextSeq', value: 2 },
    { key: 'cursor', value: '42' },
    { key: 'lastSyncAt', value: '2025-01-01T00:02:00.000Z' },
    { key: 'bootstrapped', value: true },
  ]);
}

function openAtVersion(name: string, storage: StorageOptions, version: number): Dexie {
  const db = new Dexie(name, storage);
  for (const step of schemaVersions.filter((s) => s.version <= version)) {
    const declared = db.version(step.version).stores(step.stores);
    if (step.upgrade) declared.upgrade(step.upgrade);
  }
  return db;
}

describe('schema', () => {
  it('versions are ordered and each has the rows it wrote for the harness', () => {
    const versions = schemaVersions.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(Object.keys(writtenBy).map(Number)).toEqual(versions);
    expect(new SyncDb('unopened', fakeStorage()).verno).toBe(currentSchemaVersion);
  });

  it.each(schemaVersions.map((s) => s.version))(
    'a database written by version %i opens under the current schema with its data',
    async (version) => {
      const storage = fakeStorage();
      const old = openAtVersion('upgrade', storage, version);
      await old.open();
      await writtenBy[version]?.(old);
      old.close();

      const db = new SyncDb('upgrade', storage);
      await db.open();
      expect(db.verno).toBe(currentSchemaVersion);
      expect((await readTasksPage(db, { status: 'open', limit: 10 })).map((t) => t.id)).toEqual([
        't1',
      ]);
      expect((await readTasksPage(db, { text: 'print', limit: 10 })).map((t) => t.id)).toEqual([
        't1',
      ]);
      expect(await readPendingCount(db)).toBe(1);
      expect(await readSyncMeta(db)).toEqual({
        lastSyncAt: '2025-01-01T00:02:00.000Z',
        bootstrapped: true,
      });
      expect((await db.meta.get('nextSeq'))?.value).toBe(2);
    },
  );

  it('version 2 drops the type index; a type is then read from the status lists', async () => {
    const storage = fakeStorage();
    const old = openAtVersion('upgrade-2', storage, 1);
    await old.open();
    await writtenBy[1]?.(old);
    expect(old.table('tasks').schema.indexes.map((i) => i.name)).toContain(
      '[type+status+updatedAt]',
    );
    old.close();

    const db = new SyncDb('upgrade-2', storage);
    await db.open();
    const indexes = db.tasks.schema.indexes.map((i) => i.name);
    expect(indexes).not.toContain('[type+status+updatedAt]');
    expect(indexes).toEqual(
      expect.arrayContaining(['[assigneeKey+status+updatedAt]', '[status+updatedAt]', 'words']),
    );
    expect((await readTasksPage(db, { type: 'call', limit: 10 })).map((t) => t.id)).toEqual(['t1']);
    expect(await readTasksPage(db, { type: 'email', limit: 10 })).toEqual([]);
  });

  it('version 3 adds an empty custom statuses table to a version 2 database', async () => {
    const storage = fakeStorage();
    const old = openAtVersion('upgrade-3', storage, 2);
    await old.open();
    await writtenBy[2]?.(old);
    old.close();

    const db = new SyncDb('upgrade-3', storage);
    await db.open();
    expect(await readStatusDefinitions(db)).toEqual([]);
    await db.statusDefinitions.put({
      id: 's1',
      key: 'c-s1',
      label: 'Lunch',
      colour: '#d97706',
      receivesWork: false,
      channels: null,
      timeLimitSeconds: 60,
      position: 0,
    });
    expect((await readStatusDefinitions(db)).map((s) => s.label)).toEqual(['Lunch']);
    expect((await readTasksPage(db, { status: 'open', limit: 10 })).map((t) => t.id)).toEqual([
      't1',
    ]);
  });

  it('version 4 keys the rows of a version 3 database for type, priority and due filters', async () => {
    const storage = fakeStorage();
    const old = openAtVersion('upgrade-4', storage, 3);
    await old.open();
    await writtenBy[3]?.(old);
    await old.table('tasks').put({
      ...(await old.table('tasks').get('t1')),
      id: 't2',
      priority: 5,
      dueAt: '2025-01-02T09:00:00.000Z',
      updatedAt: '2025-01-01T00:05:00.000Z',
    });
    old.close();

    const db = new SyncDb('upgrade-4', storage);
    await db.open();
    // The old rows have no keys yet: the filters test the rows of the status lists meanwhile.
    expect((await db.tasks.get('t2'))?.priorityKey).toBeUndefined();
    expect(await db.meta.get('wordsPending')).toBeDefined();
    const urgent = { priorityAtLeast: 4, limit: 10 };
    const dueThatDay = {
      dueFrom: '2025-01-02T00:00:00.000Z',
      dueBefore: '2025-01-03T00:00:00.000Z',
      limit: 10,
    };
    expect((await readTasksPage(db, urgent)).map((t) => t.id)).toEqual(['t2']);
    expect((await readTasksPage(db, dueThatDay)).map((t) => t.id)).toEqual(['t2']);

    expect(await fillPendingWords(db)).toBe(true);
    expect(await db.meta.get('wordsPending')).toBeUndefined();
    const t2 = await db.tasks.get('t2');
    expect([t2?.typeKey, t2?.priorityKey, t2?.dueDayKey]).toEqual([
      'call',
      5,
      Date.UTC(2025, 0, 2) / 86_400_000,
    ]);
    expect((await db.tasks.get('t1'))?.dueDayKey).toBeUndefined();
    expect(t2?.skillKeys).toEqual([]);
    expect(t2?.dueHourKey).toBe(Date.UTC(2025, 0, 2, 9) / 3_600_000);
    // Now answered by the new indexes: the same rows.
    expect(
      await db.tasks
        .where('[status+priorityKey+updatedAt]')
        .between(['open', 5], ['open', 6])
        .count(),
    ).toBe(1);
    expect((await readTasksPage(db, urgent)).map((t) => t.id)).toEqual(['t2']);
    expect((await readTasksPage(db, dueThatDay)).map((t) => t.id)).toEqual(['t2']);
    expect((await readTasksPage(db, { status: 'open', limit: 10 })).map((t) => t.id)).toEqual([
      't2',
      't1',
    ]);
  });
});
