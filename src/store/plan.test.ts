// The list plans: which index a filter reads, that each plan returns exactly the rows a filter
// over every task would (in the list order, page after page), and that an index-served filter
// reads few rows where the status lists would read many.
import { beforeEach, describe, expect, it } from 'vitest';
import { taskStatuses, type SyncTask, type TaskStatus } from '../domain';
import type { SyncDb } from './db';
import { byPosition, criteriaOf, type TasksFilter } from './filter';
import { maxDueDays, planList } from './plan';
import { readTasksPage } from './queries';
import { toListedTask, toStoredTask } from './stored';
import { openTestDb, seededRandom, task } from './testing/fixtures';
import { fillPendingWords } from './words-pass';

const day = 86_400_000;
const now = Date.UTC(2025, 5, 15, 15, 30);
const iso = (ms: number) => new Date(ms).toISOString();

function generated(count: number, pastDays: number): SyncTask[] {
  const next = seededRandom(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: count }, (_, i) =>
    task({
      id: `t${String(i).padStart(4, '0')}`,
      status: pick(taskStatuses),
      assigneeId: pick([null, 'u1', 'u2']),
      type: pick(['call', 'email', 'chat', 'manual'] as const),
      priority: pick([1, 2, 2, 3, 3, 3, 4, 5]),
      skills: ['support', 'sales', 'billing'].filter(() => next() < 0.35),
      dueAt:
        next() < 0.3 ? null : iso(now + Math.floor((next() * (pastDays + 3) - pastDays) * day)),
      // Ties of updatedAt on purpose: the order breaks them by id.
      updatedAt: iso(now - Math.floor(next() * 200) * 60_000),
    }),
  );
}

/** Every row read from the tasks table, by index: what a plan costs. */
function countRowsRead(db: SyncDb): Map<string, number> {
  const read = new Map<string, number>();
  db.use({
    stack: 'dbcore',
    name: 'rows-read',
    create: (down) => ({
      ...down,
      table(tableName) {
        const table = down.table(tableName);
        return {
          ...table,
          query: async (req) => {
            const res = await table.query(req);
            if (tableName === 'tasks' && req.values) {
              const name = req.query.index.name ?? 'primary';
              read.set(name, (read.get(name) ?? 0) + res.result.length);
            }
            return res;
          },
        };
      },
    }),
  });
  return read;
}

/** What a filter must list: every task tested, in the list order. */
function expected(tasks: readonly SyncTask[], filter: TasksFilter): string[] {
  const criteria = criteriaOf(filter);
  return tasks
    .map((t) => toStoredTask(t))
    .filter(
      (t) =>
        criteria.statuses.includes(t.status) &&
        (criteria.assigneeKeys === null || criteria.assigneeKeys.includes(t.assigneeKey)) &&
        criteria.fits(t),
    )
    .sort(byPosition)
    .map((t) => t.id);
}

/** The whole list, page by page (keyset paging), as the grid reads it. */
async function readAll(db: SyncDb, filter: TasksFilter, pageSize: number): Promise<string[]> {
  const out: string[] = [];
  let after: { updatedAt: string; id: string } | undefined;
  for (;;) {
    const page = await readTasksPage(db, { ...filter, after, limit: pageSize });
    out.push(...page.map((t) => t.id));
    const last = page[page.length - 1];
    if (page.length < pageSize || !last) return out;
    after = { updatedAt: last.updatedAt, id: last.id };
  }
}

const today = { dueFrom: iso(now - (now % day)), dueBefore: iso(now - (now % day) + day) };
const filters: [string, TasksFilter][] = [
  ['priority 4 or higher', { priorityAtLeast: 4 }],
  ['priority 2 or higher, open', { priorityAtLeast: 2, statuses: ['open'] }],
  ['priority 5, calls', { priorityAtLeast: 5, types: ['call'] }],
  ['chats and emails', { types: ['chat', 'email'] }],
  ['skill billing', { skills: ['billing'] }],
  ['skills billing and sales, open', { skills: ['billing', 'sales'], statuses: ['open'] }],
  [
    'skill sales, mine, priority 4 or higher',
    { skills: ['sales'], assignees: ['u1'], priorityAtLeast: 4 },
  ],
  [
    'calls of one assignee, priority 3 or higher',
    { types: ['call'], assignees: ['u1'], priorityAtLeast: 3 },
  ],
  ['two assignees, priority 5', { assignees: ['u1', null], priorityAtLeast: 5 }],
  ['due today', today],
  ['due today, priority 3 or higher', { ...today, priorityAtLeast: 3 }],
  ['overdue', { dueBefore: iso(now), statuses: ['open', 'pending'] }],
  ['overdue early in the day', { dueBefore: iso(now - (now % day) + 3_600_000) }],
  ['overdue, unassigned', { dueBefore: iso(now), statuses: ['open'], assignees: [null] }],
  ['due in a two-week window', { dueFrom: iso(now - 7 * day), dueBefore: iso(now + 7 * day) }],
  ['due from a time on', { dueFrom: iso(now) }],
  ['no filter', {}],
];

describe('list plans', () => {
  let db: SyncDb;
  const tasks = generated(600, 5);

  beforeEach(async () => {
    db = openTestDb().db;
    await db.tasks.bulkPut(tasks.map(toStoredTask));
  });

  it.each(filters)('%s: the same rows as testing every task, page after page', async (_, f) => {
    const want = expected(tasks, f);
    expect(want.length).toBeGreaterThan(0);
    expect(await readAll(db, f, 7)).toEqual(want);
    expect(await readAll(db, f, 50)).toEqual(want);
  });

  it.each(filters)('%s: the same rows before the words pass keyed the rows', async (_, f) => {
    const bare = openTestDb().db;
    await bare.tasks.bulkPut(tasks.map(toListedTask));
    await bare.meta.put({ key: 'wordsPending', value: 'bootstrap' });
    expect(await readAll(bare, f, 7)).toEqual(expected(tasks, f));
    await fillPendingWords(bare);
    expect(await readAll(bare, f, 7)).toEqual(expected(tasks, f));
  });

  it('picks the index that answers the filter', async () => {
    const plan = (f: TasksFilter, keyed = true) => planList(db, criteriaOf(f), keyed);
    expect(await plan({ priorityAtLeast: 4, statuses: ['open'] })).toEqual({
      index: '[status+priorityKey+updatedAt]',
      prefixes: [
        ['open', 4],
        ['open', 5],
      ],
      answers: ['priority'],
    });
    expect((await plan({ priorityAtLeast: 4 }, false)).index).toBe('[status+updatedAt]');
    // Priorities 2-5 are most rows: the status lists reject few of them.
    expect((await plan({ priorityAtLeast: 2 })).index).toBe('[status+updatedAt]');
    // Guessed shares: an assignee a fifth, a type a quarter, priority 4-5 two fifths.
    expect((await plan({ priorityAtLeast: 4, assignees: ['u1'] })).index).toBe(
      '[assigneeKey+status+updatedAt]',
    );
    expect((await plan({ types: ['call'], assignees: ['u1', 'u2'] })).index).toBe(
      '[status+typeKey+updatedAt]',
    );
    expect((await plan({ types: ['call'], assignees: ['u1', 'u2'] }, false)).index).toBe(
      '[assigneeKey+status+updatedAt]',
    );
    expect(await plan({ skills: ['sales', 'billing'], statuses: ['open', 'pending'] })).toEqual({
      index: 'skillKeys',
      prefixes: [
        ['open', 'sales'],
        ['pending', 'sales'],
      ],
      answers: [],
    });
    expect((await plan({ skills: ['sales'] }, false)).index).toBe('[status+updatedAt]');
    expect(await plan({ types: ['chat'], priorityAtLeast: 3, statuses: ['open'] })).toEqual({
      index: '[status+typeKey+updatedAt]',
      prefixes: [['open', 'chat']],
      answers: ['types'],
    });
    const todayNumber = Math.floor(now / day);
    expect(await plan({ ...today, priorityAtLeast: 4, statuses: ['pending'] })).toEqual({
      index: '[status+dueDayKey+updatedAt]',
      prefixes: [['pending', todayNumber]],
      answers: ['due'],
    });
    // Overdue: the last whole days, today hour by hour up to now (15:30: hours 0-15), and a
    // check alongside for tasks due before the first day.
    const overdue = await plan({ dueBefore: iso(now), statuses: ['open'] });
    expect(overdue.index).toBe('[status+dueDayKey+updatedAt]');
    expect(overdue.prefixes).toEqual(
      Array.from({ length: maxDueDays - 1 }, (_, i) => ['open', todayNumber - maxDueDays + 1 + i]),
    );
    expect(overdue.also).toEqual({
      index: '[status+dueHourKey+updatedAt]',
      prefixes: Array.from({ length: 16 }, (_, i) => ['open', todayNumber * 24 + i]),
    });
    expect(await db.transaction('r', db.tasks, () => overdue.verify?.())).toBe(true);
    // Just after midnight: the whole days and today's first hour.
    const midnight = now - (now % day) + 60_000;
    const early = await plan({ dueBefore: iso(midnight), statuses: ['open'] });
    expect(early.also?.prefixes).toEqual([['open', todayNumber * 24]]);
    // Too many days to merge: the status lists, tested row by row.
    expect((await plan({ dueFrom: iso(now - 30 * day), dueBefore: iso(now) })).index).toBe(
      '[status+updatedAt]',
    );
  });

  it('overdue over more past days than it merges reads the lists, still exactly', async () => {
    const spread = generated(400, maxDueDays * 3);
    const wide = openTestDb().db;
    await wide.tasks.bulkPut(spread.map(toStoredTask));
    const overdue: TasksFilter = { dueBefore: iso(now), statuses: ['open', 'pending'] };
    const plan = planList(wide, criteriaOf(overdue), true);
    expect(plan.index).toBe('[status+dueDayKey+updatedAt]');
    expect(await wide.transaction('r', wide.tasks, () => plan.verify?.())).toBe(false);
    expect(planList(wide, criteriaOf(overdue), true, true).index).toBe('[status+updatedAt]');
    expect(await readAll(wide, overdue, 9)).toEqual(expected(spread, overdue));
  });

  it('an index-served filter reads a few rows per range, where the status lists read many', async () => {
    // A middleware counts only on a database opened after it is added.
    const db = openTestDb().db;
    const read = countRowsRead(db);
    await db.tasks.bulkPut(tasks.map(toStoredTask));
    read.clear();
    const rare: TasksFilter = { priorityAtLeast: 5, statuses: ['open'] as TaskStatus[] };
    const page = await readTasksPage(db, { ...rare, limit: 10 });
    expect(page).toHaveLength(10);
    const served = read.get('[status+priorityKey+updatedAt]') ?? 0;
    expect(read.get('[status+updatedAt]')).toBeUndefined();
    expect(served).toBeGreaterThanOrEqual(10);
    expect(served).toBeLessThanOrEqual(12);

    // The same page before the rows are keyed: a walk of the open list, 1 in 8 passing.
    read.clear();
    await db.meta.put({ key: 'wordsPending', value: 'again' });
    expect(await readTasksPage(db, { ...rare, limit: 10 })).toEqual(page);
    expect(read.get('[status+updatedAt]') ?? 0).toBeGreaterThan(4 * served);
  });
});
