// The task list's filters (issue 5): each alone, combined, with text, paged by keyset and
// counted, checked against a plain filter-and-sort of every task.
import { beforeAll, describe, expect, it } from 'vitest';
import { taskStatuses, taskTypes, type SyncTask } from '../domain';
import type { SyncDb } from './db';
import { byPosition } from './filter';
import { countTasks, readTasksPage, type TasksQuery } from './queries';
import { toStoredTask } from './stored';
import { openTestDb, seededRandom, task } from './testing/fixtures';
import { matchesAll, queryTokens, wordsOf } from './words';

const minute = (n: number) => new Date(Date.UTC(2025, 0, 1, 0, n)).toISOString();
const now = minute(600);

const people = ['u1', 'u2', 'u3', null] as const;
const skillNames = ['support', 'sales', 'billing'];
const names = ['Anna Berg', 'Bert Meier', 'Carla Berg', 'Dora Klein', 'Emil Stone'];
const titleWords = ['Printer jam', 'Invoice question', 'Router offline', 'Refund order'];

function makeTasks(count: number): SyncTask[] {
  const random = seededRandom(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, (_, i) =>
    task({
      id: `t${String(i).padStart(3, '0')}`,
      status: pick(taskStatuses),
      assigneeId: pick(people),
      type: pick(taskTypes),
      skills: skillNames.filter(() => random() < 0.4),
      priority: 1 + Math.floor(random() * 5),
      dueAt: random() < 0.3 ? null : minute(540 + Math.floor(random() * 120)),
      customerName: pick(names),
      title: pick(titleWords),
      // Few distinct times: many ties, which the id must order.
      updatedAt: minute(Math.floor(random() * 40)),
    }),
  );
}

/** What a query means, by brute force over every task. */
function reference(tasks: readonly SyncTask[], q: Omit<TasksQuery, 'limit'>): SyncTask[] {
  const tokens = queryTokens(q.text ?? '');
  return tasks
    .filter(
      (t) =>
        (!q.statuses?.length || q.statuses.includes(t.status)) &&
        (!q.assignees?.length || q.assignees.includes(t.assigneeId)) &&
        (!q.types?.length || q.types.includes(t.type)) &&
        (q.skills ?? []).every((s) => t.skills.includes(s)) &&
        (q.priorityAtLeast === undefined || t.priority >= q.priorityAtLeast) &&
        (q.dueFrom === undefined || (t.dueAt !== null && t.dueAt >= q.dueFrom)) &&
        (q.dueBefore === undefined || (t.dueAt !== null && t.dueAt < q.dueBefore)) &&
        (tokens.length === 0 ||
          matchesAll(
            wordsOf([t.title, t.customerName, t.customerEmail], [t.customerPhone]),
            tokens,
          )) &&
        (q.after === undefined || byPosition(t, q.after) > 0),
    )
    .sort(byPosition);
}

const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);

let db: SyncDb;
const tasks = makeTasks(400);

beforeAll(async () => {
  db = openTestDb().db;
  await db.tasks.bulkPut(tasks.map(toStoredTask));
});

const queries: [string, Omit<TasksQuery, 'limit'>][] = [
  ['everything', {}],
  ['empty lists mean all', { statuses: [], assignees: [], types: [], skills: [] }],
  ['one status', { statuses: ['pending'] }],
  ['several statuses', { statuses: ['open', 'pending'] }],
  ['a status twice', { statuses: ['open', 'open'] }],
  ['one assignee', { assignees: ['u2'] }],
  ['unassigned', { assignees: [null] }],
  ['several assignees and unassigned', { assignees: ['u1', 'u3', null] }],
  ['types', { types: ['email', 'chat'] }],
  ['one skill', { skills: ['billing'] }],
  ['every one of two skills', { skills: ['billing', 'sales'] }],
  ['priority', { priorityAtLeast: 4 }],
  ['overdue', { dueBefore: minute(570), statuses: ['open', 'pending'] }],
  ['due in a range', { dueFrom: minute(560), dueBefore: minute(620) }],
  [
    'all of them at once',
    {
      statuses: ['open', 'pending'],
      assignees: ['u1', null],
      types: ['call', 'email', 'manual'],
      skills: ['support'],
      priorityAtLeast: 2,
      dueFrom: minute(540),
      dueBefore: minute(640),
    },
  ],
  [
    'nothing matches',
    { skills: ['support', 'sales', 'billing'], priorityAtLeast: 5, types: ['chat'] },
  ],
  ['text', { text: 'berg' }],
  ['text of two words', { text: 'router anna' }],
  ['text and filters', { text: 'invoice', statuses: ['open'], assignees: ['u1', 'u2'] }],
  ['text, skills and priority', { text: 'ber', skills: ['sales'], priorityAtLeast: 3 }],
  ['text and due', { text: 'refund', dueBefore: now }],
];

describe('task filters', () => {
  it.each(queries)('%s: the first page is the reference order', async (_, q) => {
    const expected = reference(tasks, q);
    expect(ids(await readTasksPage(db, { ...q, limit: 25 }))).toEqual(ids(expected.slice(0, 25)));
  });

  it.each(queries)('%s: keyset pages add up to the whole list', async (_, q) => {
    const expected = ids(reference(tasks, q));
    const seen: string[] = [];
    let after: TasksQuery['after'];
    for (let page = 0; page < 100; page++) {
      const rows = await readTasksPage(db, { ...q, after, limit: 17 });
      seen.push(...ids(rows));
      const last = rows[rows.length - 1];
      if (rows.length < 17 || !last) break;
      after = { updatedAt: last.updatedAt, id: last.id };
    }
    expect(seen).toEqual(expected);
  });

  it.each(queries)('%s: count, and count capped', async (_, q) => {
    const expected = reference(tasks, q).length;
    expect(await countTasks(db, q, 10_000)).toBe(expected);
    expect(await countTasks(db, q, 5)).toBe(Math.min(5, expected));
  });

  it('ties of updatedAt come highest id first, and a page starts right after its keyset row', async () => {
    const { db } = openTestDb();
    await db.tasks.bulkPut(
      ['a', 'b', 'c', 'd', 'e'].map((id) => toStoredTask(task({ id, updatedAt: minute(1) }))),
    );
    await db.tasks.put(toStoredTask(task({ id: 'z', updatedAt: minute(0) })));
    expect(ids(await readTasksPage(db, { limit: 10 }))).toEqual(['e', 'd', 'c', 'b', 'a', 'z']);
    const after = { updatedAt: minute(1), id: 'c' };
    expect(ids(await readTasksPage(db, { after, limit: 2 }))).toEqual(['b', 'a']);
    expect(ids(await readTasksPage(db, { after, limit: 10, text: 'task' }))).toEqual([
      'b',
      'a',
      'z',
    ]);
    expect(
      ids(await readTasksPage(db, { after: { updatedAt: minute(1), id: 'a' }, limit: 10 })),
    ).toEqual(['z']);
  });

  it('the old single-value fields still filter', async () => {
    const q = { status: 'open', assigneeId: 'u2', type: 'call' } as const;
    const expected = reference(tasks, { statuses: ['open'], assignees: ['u2'], types: ['call'] });
    expect(ids(await readTasksPage(db, { ...q, limit: 50 }))).toEqual(ids(expected));
  });

  it('refuses a bad limit, cap or date and reads nothing', async () => {
    await expect(readTasksPage(db, { limit: 0 })).rejects.toThrow(/limit/);
    await expect(countTasks(db, {}, 0)).rejects.toThrow(/cap/);
    await expect(readTasksPage(db, { dueBefore: 'yesterday', limit: 5 })).rejects.toThrow(
      /Not a date/,
    );
  });
});

it('pages through more ties of one time than a batch reads', async () => {
  const { db } = openTestDb();
  const many = Array.from({ length: 2500 }, (_, i) =>
    toStoredTask(task({ id: `x${String(i).padStart(4, '0')}`, updatedAt: minute(5) })),
  );
  await db.tasks.bulkPut(many);
  const after = { updatedAt: minute(5), id: 'x0100' };
  expect(ids(await readTasksPage(db, { after, limit: 3, priorityAtLeast: 1 }))).toEqual([
    'x0099',
    'x0098',
    'x0097',
  ]);
  expect(await countTasks(db, { priorityAtLeast: 1 }, 10_000)).toBe(2500);
});
