// liveQuery runs only where a global indexedDB exists (Dexie issue 2046).
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { createQueries } from './live';
import { writeMutation } from './mutate';
import { newTask, openTestDb, steppingClock } from './testing/fixtures';

it('a live list re-emits after a mutation and stops after unsubscribe', async () => {
  const { db } = openTestDb();
  const queries = createQueries(db);
  const seen: string[][] = [];
  const pending: number[] = [];
  let changed: () => void = () => {};
  const subscription = queries.tasksPage({ status: 'open', limit: 10 }).subscribe((tasks) => {
    seen.push(tasks.map((t) => t.id));
    changed();
  });
  const count = queries.pendingCount().subscribe((n) => pending.push(n));
  const next = () => new Promise<void>((resolve) => (changed = resolve));

  await next();
  expect(seen).toEqual([[]]);
  const ctx = { userId: 'u1', now: steppingClock() };
  const arrived = next();
  await writeMutation(db, ctx, 'task.create', newTask('t1'));
  await arrived;
  expect(seen.at(-1)).toEqual(['t1']);
  expect(pending.at(-1)).toBe(1);

  subscription.unsubscribe();
  count.unsubscribe();
  const before = seen.length;
  await writeMutation(db, ctx, 'task.create', newTask('t2'));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(seen.length).toBe(before);
});
