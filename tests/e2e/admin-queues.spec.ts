// Queue numbers on the Admin page (issue 6, inbound calls): an admin sees the demo's 2000, adds a
// queue with a mistake named before anything is sent, fixes it, and changes it through Edit; the
// table follows each save. Touches only a number no other spec dials (2950); the ACD phone spec
// sets 2000's ring time itself.
import { expect, test } from '@playwright/test';
import { AdminPage } from './pages/admin-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { expectNoAxeViolations } from './support/task-fixtures.js';

test('an admin adds a queue number, is told what is wrong, and changes it with Edit', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('admin@demo.test');
  await expect(page.getByRole('button', { name: /^Status/ })).toBeVisible({ timeout: 30_000 });
  await new AdminPage(page).open();

  const table = page.getByRole('table', { name: 'Queue numbers' });
  await expect(table.getByRole('row', { name: /^2000 Support support/ })).toBeVisible();
  const form = page.getByRole('form', { name: 'Add or change a queue number' });
  await form.getByRole('textbox', { name: 'Number' }).fill('2950');
  await form.getByRole('textbox', { name: 'Name' }).fill('Billing line');
  await form.getByRole('textbox', { name: 'Skills' }).fill('billing, support');
  await form.getByRole('textbox', { name: 'Ring each agent for' }).fill('3');
  await form.getByRole('button', { name: 'Save queue' }).click();
  await expect(
    form.getByRole('textbox', { name: 'Ring each agent for' }),
  ).toHaveAccessibleDescription(/whole number of seconds from 5 to 300/);
  await expect(table.getByRole('row', { name: /^2950/ })).toHaveCount(0);

  await form.getByRole('textbox', { name: 'Ring each agent for' }).fill('12');
  await form.getByRole('button', { name: 'Save queue' }).click();
  await expect(
    table.getByRole('row', { name: /^2950 Billing line billing, support 3 12 s/ }),
  ).toBeVisible();

  await table.getByRole('button', { name: 'Edit queue 2950' }).click();
  await expect(form.getByRole('textbox', { name: 'Number' })).toBeFocused();
  await expect(form.getByRole('textbox', { name: 'Skills' })).toHaveValue('billing, support');
  await form.getByRole('textbox', { name: 'Priority' }).fill('5');
  await form.getByRole('button', { name: 'Save queue' }).click();
  await expect(
    table.getByRole('row', { name: /^2950 Billing line billing, support 5 12 s/ }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
});
