import { beforeEach, describe, expect, it } from 'vitest';
import type { SyncDb } from './db';
import { countTasks, readContacts, readRecentCalls, readComments, readTasksPage } from './queries';
import { toStoredContact, toStoredTask } from './stored';
import { openTestDb, task } from './testing/fixtures';

/** Records which index every read walks: '' would be a scan of the whole table. */
function spyIndexes(db: SyncDb): string[] {
  const reads: string[] = [];
  db.use({
    stack: 'dbcore',
    name: 'index-spy',
    create: (down) => ({
      ...down,
      table(tableName) {
        const table = down.table(tableName);
        const note = (index: { isPrimaryKey?: boolean; name: string | null }) =>
          reads.push(`${tableName}:${index.isPrimaryKey ? 'primary' : index.name}`);
        return {
          ...table,
          openCursor: (req) => {
            note(req.query.index);
            return table.openCursor(req);
          },
          query: (req) => {
            note(req.query.index);
            return table.query(req);
          },
          count: (req) => {
            note(req.query.index);
            return table.count(req);
          },
        };
      },
    }),
  });
  return reads;
}

const minute = (n: number) => new Date(Date.UTC(2025, 0, 1, 0, n)).toISOString();

let db: SyncDb;
let reads: string[];

beforeEach(async () => {
  db = openTestDb().db;
  reads = spyIndexes(db);
  await db.tasks.bulkPut(
    [
      task({
        id: 'a',
        status: 'open',
        assigneeId: null,
        type: 'call',
        updatedAt: minute(1),
        title: 'Printer jam',
        customerName: 'Anna Berg',
        customerPhone: '+49 171 2345678',
        customerEmail: 'anna.berg@example.com',
      }),
      task({
        id: 'b',
        status: 'open',
        assigneeId: 'u1',
        type: 'email',
        updatedAt: minute(5),
        title: 'Invoice question',
        customerName: 'Bert Meier',
      }),
      task({
        id: 'c',
        status: 'pending',
        assigneeId: 'u1',
        type: 'call',
        updatedAt: minute(3),
        title: 'Printer offline',
        customerName: 'Carla Berg',
      }),
      task({
        id: 'd',
        status: 'resolved',
        assigneeId: 'u2',
        type: 'call',
        updatedAt: minute(9),
        title: 'Password reset',
        customerName: 'Dora Klein',
      }),
      task({
        id: 'e',
        status: 'open',
        assigneeId: 'u1',
        type: 'call',
        updatedAt: minute(7),
        title: 'Callback',
        customerName: 'Emil Berg',
      }),
    ].map(toStoredTask),
  );
  reads.length = 0;
});

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

describe('task lists', () => {
  it('all tasks, newest first, limited', async () => {
    expect(ids(await readTasksPage(db, { limit: 3 }))).toEqual(['d', 'e', 'b']);
    expect(new Set(reads)).toEqual(new Set(['tasks:[status+updatedAt]']));
  });

  it('by status, from the status index', async () => {
    expect(ids(await readTasksPage(db, { status: 'open', limit: 50 }))).toEqual(['e', 'b', 'a']);
    expect(reads).toEqual(['tasks:[status+updatedAt]']);
  });

  it('by assignee and status, and unassigned', async () => {
    expect(ids(await readTasksPage(db, { assigneeId: 'u1', status: 'open', limit: 50 }))).toEqual([
      'e',
      'b',
    ]);
    expect(ids(await readTasksPage(db, { assigneeId: 'u1', limit: 50 }))).toEqual(['e', 'b', 'c']);
    expect(ids(await readTasksPage(db, { assigneeId: null, limit: 50 }))).toEqual(['a']);
    expect(new Set(reads)).toEqual(new Set(['tasks:[assigneeKey+status+updatedAt]']));
  });

  it('by type and status, from the type index', async () => {
    expect(ids(await readTasksPage(db, { type: 'call', limit: 50 }))).toEqual(['d', 'e', 'c', 'a']);
    expect(ids(await readTasksPage(db, { type: 'call', status: 'open', limit: 1 }))).toEqual(['e']);
    expect(new Set(reads)).toEqual(new Set(['tasks:[status+typeKey+updatedAt]']));
  });

  it('combined filters read only index ranges, never the whole table', async () => {
    expect(
      ids(
        await readTasksPage(db, {
          statuses: ['open', 'pending'],
          assignees: ['u1', null],
          types: ['call'],
          limit: 50,
        }),
      ),
    ).toEqual(['e', 'c', 'a']);
    // One type of four is guessed fewer rows than two assignees: the type's ranges are read.
    expect(new Set(reads)).toEqual(new Set(['tasks:[status+typeKey+updatedAt]']));
    reads.length = 0;
    expect(ids(await readTasksPage(db, { priorityAtLeast: 1, skills: [], limit: 2 }))).toEqual([
      'd',
      'e',
    ]);
    expect(await countTasks(db, { statuses: ['open'] }, 100)).toBe(3);
    expect(await countTasks(db, { statuses: ['open'], types: ['call'] }, 100)).toBe(2);
    expect(new Set(reads)).toEqual(
      new Set(['tasks:[status+updatedAt]', 'tasks:[status+typeKey+updatedAt]']),
    );
  });

  it('by assignee and type', async () => {
    expect(ids(await readTasksPage(db, { assigneeId: 'u1', type: 'call', limit: 50 }))).toEqual([
      'e',
      'c',
    ]);
  });
});

describe('text search', () => {
  it('finds by word prefixes of title and customer, every word must match, newest first', async () => {
    expect(ids(await readTasksPage(db, { text: 'berg', limit: 50 }))).toEqual(['e', 'c', 'a']);
    expect(ids(await readTasksPage(db, { text: 'Print Ber', limit: 50 }))).toEqual(['c', 'a']);
    expect(ids(await readTasksPage(db, { text: 'printer jam', limit: 50 }))).toEqual(['a']);
    expect(ids(await readTasksPage(db, { text: 'zzz', limit: 50 }))).toEqual([]);
    expect(new Set(reads)).toEqual(new Set(['tasks:words']));
  });

  it('a common word reads its own index range newest first and stops at the limit', async () => {
    await db.tasks.bulkPut(
      // 1,000 tasks: enough entries that the word's range is merged, not read whole.
      Array.from({ length: 1000 }, (_, i) =>
        toStoredTask(
          task({
            id: `n${i}`,
            title: `Common question ${i}`,
            status: i % 2 ? 'open' : 'pending',
            updatedAt: minute(100 + i),
          }),
        ),
      ),
    );
    reads.length = 0;
    expect(ids(await readTasksPage(db, { text: 'common', limit: 3 }))).toEqual([
      'n999',
      'n998',
      'n997',
    ]);
    expect(new Set(reads)).toEqual(new Set(['tasks:words']));
    // Criteria that reject most of a common word's tasks: the list for the criteria answers.
    expect(ids(await readTasksPage(db, { text: 'comm quest', status: 'open', limit: 2 }))).toEqual([
      'n999',
      'n997',
    ]);
    expect(reads).toContain('tasks:[status+updatedAt]');
    expect(ids(await readTasksPage(db, { text: 'common 12', limit: 50 }))).toEqual([
      'n129',
      'n128',
      'n127',
      'n126',
      'n125',
      'n124',
      'n123',
      'n122',
      'n121',
      'n120',
      'n12',
    ]);
  });

  it('a prefix merges the ranges of the words it starts, newest first', async () => {
    await db.tasks.bulkPut(
      ['router', 'routine', 'route', 'router', 'routine'].map((word, i) =>
        toStoredTask(task({ id: `r${i}`, title: `${word} ${i}`, updatedAt: minute(20 + i) })),
      ),
    );
    expect(ids(await readTasksPage(db, { text: 'rout', limit: 4 }))).toEqual([
      'r4',
      'r3',
      'r2',
      'r1',
    ]);
  });

  it('tasks updated in the same millisecond are all found, across rounds', async () => {
    await db.tasks.bulkPut(
      Array.from({ length: 1100 }, (_, i) =>
        toStoredTask(task({ id: `s${i}`, title: 'Same time', updatedAt: minute(30) })),
      ),
    );
    const found = ids(await readTasksPage(db, { text: 'same', limit: 300 }));
    expect(new Set(found).size).toBe(300);
  });

  it('a prefix with few entries is read whole; a short one with many walks the lists', async () => {
    const parcels = (count: number, from: number) =>
      Array.from({ length: count }, (_, i) =>
        toStoredTask(
          task({
            id: `p${from + i}`,
            title: `Parcel p${from + i}`,
            status: i % 3 ? 'open' : 'resolved',
            updatedAt: minute(40 + from + i),
          }),
        ),
      );
    await db.tasks.bulkPut(parcels(30, 0));
    reads.length = 0;
    expect(ids(await readTasksPage(db, { text: 'p', limit: 2 }))).toEqual(['p29', 'p28']);
    expect(new Set(reads)).toEqual(new Set(['tasks:words']));

    await db.tasks.bulkPut(parcels(500, 30));
    reads.length = 0;
    expect(ids(await readTasksPage(db, { text: 'p', status: 'resolved', limit: 2 }))).toEqual([
      'p528',
      'p525',
    ]);
    expect(reads).toContain('tasks:[status+updatedAt]');
  });

  it('combines text with status and assignee', async () => {
    expect(ids(await readTasksPage(db, { text: 'berg', status: 'open', limit: 50 }))).toEqual([
      'e',
      'a',
    ]);
    expect(ids(await readTasksPage(db, { text: 'berg', assigneeId: 'u1', limit: 1 }))).toEqual([
      'e',
    ]);
  });

  it('finds by email parts and by phone number written either way', async () => {
    expect(ids(await readTasksPage(db, { text: 'anna.berg@ex', limit: 50 }))).toEqual(['a']);
    expect(ids(await readTasksPage(db, { text: 'example', limit: 50 }))).toEqual(['a']);
    expect(ids(await readTasksPage(db, { text: '0171 234', limit: 50 }))).toEqual(['a']);
    expect(ids(await readTasksPage(db, { text: '+49171', limit: 50 }))).toEqual(['a']);
    expect(ids(await readTasksPage(db, { text: '555', limit: 50 }))).toEqual([]);
  });

  it('contacts: by name prefix, or alphabetical without text', async () => {
    await db.contacts.bulkPut(
      [
        {
          id: 'k1',
          name: 'Zora Alt',
          company: 'Acme',
          phone: null,
          email: null,
          updatedAt: minute(1),
        },
        {
          id: 'k2',
          name: 'Adam Acker',
          company: null,
          phone: '030 1234',
          email: 'adam@acme.test',
          updatedAt: minute(1),
        },
      ].map(toStoredContact),
    );
    expect(ids(await readContacts(db, ''))).toEqual(['k2', 'k1']);
    expect(ids(await readContacts(db, 'acme'))).toEqual(['k2', 'k1']);
    expect(ids(await readContacts(db, '0301'))).toEqual(['k2']);
  });
});

describe('other lists', () => {
  it('comments of a task oldest first; calls newest first', async () => {
    await db.comments.bulkPut([
      {
        id: 'c2',
        taskId: 't1',
        authorId: 'u1',
        body: 'second',
        attachments: [],
        createdAt: minute(2),
      },
      {
        id: 'c1',
        taskId: 't1',
        authorId: 'u1',
        body: 'first',
        attachments: [],
        createdAt: minute(1),
      },
      {
        id: 'c3',
        taskId: 't2',
        authorId: 'u1',
        body: 'other',
        attachments: [],
        createdAt: minute(0),
      },
    ]);
    expect(ids(await readComments(db, 't1'))).toEqual(['c1', 'c2']);
    const call = (id: string, startedAt: string) => ({
      id,
      userId: 'u1',
      direction: 'inbound' as const,
      peer: '1002',
      peerName: null,
      startedAt,
      answeredAt: null,
      endedAt: startedAt,
      outcome: 'missed' as const,
      taskId: null,
    });
    await db.calls.bulkPut([call('x', minute(1)), call('y', minute(3)), call('z', minute(2))]);
    expect(ids(await readRecentCalls(db, 2))).toEqual(['y', 'z']);
  });
});
