// The activity timer is kept by the server's clock (issue 6): bob's computer is an hour slow,
// yet the Break he chooses starts now on the server, and his timer counts from there.
import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { TasksPage } from './pages/tasks-page.js';
import { bootstrapOf } from './support/sync-api.js';

const hour = 3_600_000;

test('a browser clock an hour slow neither backdates a status nor skews its timer', async ({
  page,
}) => {
  await page.clock.install({ time: Date.now() - hour });
  await page.clock.resume();
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('bob@demo.test');
  const tasks = new TasksPage(page);
  await expect(page.getByRole('grid', { name: 'Tasks' })).toBeVisible();
  expect(await page.evaluate(() => Date.now())).toBeLessThan(Date.now() - hour / 2);

  const chosenAt = Date.now();
  await tasks.setAgentStatus('Break');
  const button = page.getByRole('button', { name: /^Status:? Break/ });
  await expect(button).toBeVisible();
  const me = (await (await page.request.get('/api/me')).json()) as { user: { id: string } };
  await expect
    .poll(async () => {
      const changes = await bootstrapOf(page.request);
      const mine = changes.find(
        (c) => c.kind === 'agentStatus' && c.op === 'put' && c.value['userId'] === me.user.id,
      );
      return mine?.op === 'put' ? mine.value['status'] : undefined;
    })
    .toBe('break');
  const changes = await bootstrapOf(page.request);
  const status = changes.find(
    (c) => c.kind === 'agentStatus' && c.op === 'put' && c.value['userId'] === me.user.id,
  );
  const since = status?.op === 'put' ? Date.parse(String(status.value['since'])) : NaN;
  // The server's time of the choice (this machine runs both), not the browser's hour-old one.
  expect(Math.abs(since - chosenAt)).toBeLessThan(10_000);
  // The timer shows seconds or minutes, not "01:00:…".
  await expect(button).toContainText(/00:\d\d$/);
  await expect(button).not.toContainText(/\d\d:\d\d:\d\d/);
});
