// liveQuery runs only where a global indexedDB exists (Dexie issue 2046).
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { createQueries, type Live } from './live';
import { writeMutation } from './mutate';
import { newTask, openTestDb, steppingClock } from './testing/fixtures';

/** Subscribes and records every value; `until` resolves once a value matches. */
function record<T>(source: Live<T>) {
  const values: T[] = [];
  const waiters: { match: (value: T) => boolean; resolve: () => void }[] = [];
  const subscription = source.subscribe((value) => {
    values.push(value);
    for (const waiter of waiters.splice(0)) {
      if (waiter.match(value)) waiter.resolve();
      else waiters.push(waiter);
    }
  });
  return {
    values,
    subscription,
    until: (match: (value: T) => boolean) =>
      values.some(match)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ match, resolve })),
  };
}

it('a live list re-emits after a mutation and stops after unsubscribe', async () => {
  const { db } = openTestDb();
  const queries = createQueries(db);
  const tasks = record(queries.tasksPage({ status: 'open', limit: 10 }));
  const pending = record(queries.pendingCount());
  await tasks.until((list) => list.length === 0);
  await pending.until((n) => n === 0);

  const ctx = { userId: 'u1', now: steppingClock() };
  await writeMutation(db, ctx, 'task.create', newTask('t1'));
  await tasks.until((list) => list.map((t) => t.id).join() === 't1');
  await pending.until((n) => n === 1);

  tasks.subscription.unsubscribe();
  pending.subscription.unsubscribe();
  const before = tasks.values.length;
  await writeMutation(db, ctx, 'task.create', newTask('t2'));
  // A fresh subscription sees t2: the old one would have been notified by now.
  const fresh = record(queries.tasksPage({ status: 'open', limit: 10 }));
  await fresh.until((list) => list.length === 2);
  fresh.subscription.unsubscribe();
  expect(tasks.values.length).toBe(before);
});

it('a live count follows the filter and stops at its cap', async () => {
  const { db } = openTestDb();
  const queries = createQueries(db);
  const count = record(queries.tasksCount({ statuses: ['open'], types: ['manual'] }, 2));
  await count.until((n) => n === 0);
  const ctx = { userId: 'u1', now: steppingClock() };
  await writeMutation(db, ctx, 'task.create', newTask('t1'));
  await count.until((n) => n === 1);
  await writeMutation(db, ctx, 'task.create', newTask('t2'));
  await writeMutation(db, ctx, 'task.create', newTask('t3'));
  await count.until((n) => n === 2);
  await writeMutation(db, ctx, 'task.setStatus', { taskId: 't1', status: 'resolved' });
  await writeMutation(db, ctx, 'task.setStatus', { taskId: 't2', status: 'resolved' });
  await count.until((n) => n === 1);
  count.subscription.unsubscribe();
});

it('reads once at once, without following changes', async () => {
  const { db } = openTestDb();
  const queries = createQueries(db);
  const ctx = { userId: 'u1', now: steppingClock() };
  await writeMutation(db, ctx, 'task.create', newTask('t1'));
  const page = queries.tasksPage({ status: 'open', limit: 10 });
  expect((await page.read()).map((t) => t.id)).toEqual(['t1']);
  await writeMutation(db, ctx, 'task.create', newTask('t2'));
  // Each read is its own: the second sees t2, the first answer stays what it was.
  expect((await page.read()).map((t) => t.id).sort()).toEqual(['t1', 't2']);
});
