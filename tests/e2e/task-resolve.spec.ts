// Resolve and Reopen (issue 5) where the instance asks for an outcome tag: Northwind's provider
// turns the setting on; carol resolves with a tag (an empty one is refused), then reopens. The log
// shows each step, newest first.
import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { TaskPage } from './pages/task-page.js';
import { apiAs } from './support/accounts.js';
import { taskOnServer } from './support/sync-api.js';
import { expectNoAxeViolations, makeTask } from './support/task-fixtures.js';

async function inNorthwind(email: string) {
  const api = await apiAs(email);
  const me = (await (await api.get('/api/me')).json()) as {
    user: { id: string };
    memberships: { instanceId: string; instanceName: string }[];
  };
  const northwind = me.memberships.find((m) => m.instanceName === 'Northwind')?.instanceId;
  const res = await api.post('/api/session/instance', { data: { instanceId: northwind } });
  expect(res.status()).toBe(200);
  return { api, userId: me.user.id };
}

test('carol resolves a Northwind task with an outcome tag, then reopens it', async ({ page }) => {
  const title = `Invoice dispute ${Date.now().toString(36)}`;
  const provider = await inNorthwind('provider@demo.test');
  const carol = await inNorthwind('carol@demo.test');
  const set = (outcomeTagRequired: boolean) =>
    provider.api.patch('/api/instance/settings', { data: { outcomeTagRequired } });
  expect((await set(true)).status()).toBe(200);
  try {
    const taskId = await makeTask(carol.api, { title, assigneeId: carol.userId });

    const signIn = new SignInPage(page);
    await signIn.open();
    await signIn.signIn('carol@demo.test');
    await page.getByRole('button', { name: 'Northwind' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible({
      // Sign-in hashes the password (scrypt): slow on a loaded machine.
      timeout: 30_000,
    });
    const task = new TaskPage(page);
    await task.open(taskId, title);

    await task.button('Resolve').click();
    const dialog = page.getByRole('dialog', { name: 'Resolve task' });
    await dialog.getByRole('button', { name: 'Resolve task' }).click();
    await expect(dialog.getByText('Give an outcome tag, for example #refund.')).toBeVisible();
    await expectNoAxeViolations(page);
    await dialog.getByRole('textbox', { name: 'Outcome tag' }).fill('two words');
    await dialog.getByRole('button', { name: 'Resolve task' }).click();
    await expect(dialog.getByText(/An outcome tag is one word/)).toBeVisible();
    expect((await taskOnServer(carol.api, taskId)).task?.['status']).toBe('open');

    await dialog.getByRole('textbox', { name: 'Outcome tag' }).fill('#Refund');
    await dialog.getByRole('button', { name: 'Resolve task' }).click();
    await expect(task.button('Reopen')).toBeVisible();
    await expect(task.fact('Status')).toHaveText('Resolved #refund');
    await expect
      .poll(async () => (await taskOnServer(carol.api, taskId)).task?.['outcomeTag'])
      .toBe('#refund');

    await task.button('Reopen').click();
    await expect(task.button('Resolve')).toBeVisible();
    await expect(task.fact('Status')).toHaveText('Open');
    await expect
      .poll(() => task.logLines(), { timeout: 10_000 })
      .toEqual([
        'Carol Chen changed the status from Resolved to Open',
        'Carol Chen changed the status from Open to Resolved with #refund',
        'Carol Chen assigned it to Carol Chen',
        'Carol Chen created the task (from manual)',
      ]);
    await expectNoAxeViolations(page);
  } finally {
    await set(false);
    await provider.api.dispose();
    await carol.api.dispose();
  }
});
