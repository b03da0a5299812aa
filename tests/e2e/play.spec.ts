// Play (issue 6): bob presses Play and the highest-priority, oldest task he has the skills for
// opens, assigned to him; resolving it opens the next one by itself; "Stop after this one" ends
// Play in the status he picks once the task is resolved; "Stop playing" ends it at once. Play
// makes an agent on Break Ready.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { TaskPage } from './pages/task-page.js';
import { bootstrapOf } from './support/sync-api.js';

interface WaitingTask {
  id: string;
  status: string;
  assigneeId: string | null;
  offeredToId: string | null;
  priority: number;
  skills: string[];
  createdAt: string;
}

/** What the server has now: the task and every task bob could have been given instead. */
async function queueAsSeenBy(api: APIRequestContext, userId: string) {
  const changes = await bootstrapOf(api);
  const value = (kind: string) =>
    changes.flatMap((c) => (c.kind === kind && c.op === 'put' ? [c.value] : []));
  const me = value('member').find((m) => m['userId'] === userId);
  const skills = (me?.['skills'] as string[] | undefined) ?? [];
  const tasks = value('task') as unknown as WaitingTask[];
  const waiting = tasks.filter(
    (t) =>
      t.status === 'open' &&
      t.assigneeId === null &&
      t.offeredToId === null &&
      t.skills.every((s) => skills.includes(s)),
  );
  return { tasks: new Map(tasks.map((t) => [t.id, t])), waiting };
}

function openTaskId(page: Page): string {
  const match = /\/tasks\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not on a task page: ${page.url()}`);
  return match[1];
}

test('Play opens the most urgent waiting task, and the next one after Resolve', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('bob@demo.test');
  await expect(page.getByRole('grid', { name: 'Tasks' })).toBeVisible();
  const me = (await (await page.request.get('/api/me')).json()) as { user: { id: string } };
  const bob = me.user.id;

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
  const first = openTaskId(page);
  await expect(page.getByRole('button', { name: 'Stop playing' })).toBeVisible();
  const taskPage = new TaskPage(page);
  await expect(taskPage.fact('Assignee')).toHaveText(/Bob/);

  // Nothing still waiting for bob was more urgent, or as urgent and older.
  const after = await queueAsSeenBy(page.request, bob);
  const given = after.tasks.get(first);
  expect(given?.assigneeId).toBe(bob);
  if (!given) throw new Error('the task Play gave is not in the bootstrap');
  const better = after.waiting.filter(
    (t) =>
      t.priority > given.priority ||
      (t.priority === given.priority && t.createdAt < given.createdAt),
  );
  expect(better).toEqual([]);

  await taskPage.button('Resolve').click();
  await expect(page).not.toHaveURL(new RegExp(first));
  await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
  const second = openTaskId(page);
  await expect(taskPage.fact('Assignee')).toHaveText(/Bob/);
  await expect
    .poll(async () => (await queueAsSeenBy(page.request, bob)).tasks.get(first)?.status)
    .toBe('resolved');
  expect(second).not.toBe(first);

  // "Stop after this one, then Break": resolving ends Play and sets the status; nothing new opens.
  await page
    .getByRole('combobox', { name: 'Stop after this one' })
    .selectOption({ label: 'Stop after this one, then Break' });
  await taskPage.button('Resolve').click();
  await expect(taskPage.button('Reopen')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Status:? Break/ })).toBeVisible();
  expect(openTaskId(page)).toBe(second);

  // Play again, then "Stop playing" at once: the task stays open and assigned, Play is off.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page).not.toHaveURL(new RegExp(second));
  await expect(page.getByRole('button', { name: /^Status:? Ready/ })).toBeVisible();
  const third = openTaskId(page);
  await page.getByRole('button', { name: 'Stop playing' }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  await taskPage.button('Resolve').click();
  await expect(taskPage.button('Reopen')).toBeVisible();
  expect(openTaskId(page)).toBe(third);
});
