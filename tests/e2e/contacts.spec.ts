import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { ShellPage } from './pages/shell-page.js';

test('the address book lists the instance contacts, searches them, and offers a call', async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('alice@demo.test');
  await new ShellPage(page).expectLoaded();
  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();

  const table = page.getByRole('table', { name: 'Contacts' });
  const firstCall = table.getByRole('button', { name: /^Call / }).first();
  await expect(firstCall).toBeVisible();
  const name = ((await firstCall.getAttribute('aria-label')) ?? '').replace(/^Call /, '');
  const surname = name.split(' ').at(-1) ?? name;

  await page.getByRole('searchbox', { name: 'Search contacts' }).fill(surname);
  await expect(table.getByRole('button', { name: `Call ${name}` })).toBeVisible();
  // The search answers from the store a moment after typing: wait for every row to match (a
  // snapshot of the rows taken before would point at rows the answer removed).
  const rows = table.getByRole('row').filter({ hasNot: page.getByRole('columnheader') });
  await expect(rows.filter({ hasNotText: surname })).toHaveCount(0);
  expect(await rows.count()).toBeGreaterThan(0);

  await page.getByRole('searchbox', { name: 'Search contacts' }).fill('zzzz-nobody');
  await expect(table.getByText('No contact matches.')).toBeVisible();
});
