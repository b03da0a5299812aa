import { expect, test } from '@playwright/test';
import { waitForLink } from '../support/mailbox.js';
import { SignInPage } from './pages/sign-in-page.js';
import { ShellPage } from './pages/shell-page.js';
import { uniqueEmail } from './support/accounts.js';

test('an admin invites a colleague, who follows the emailed link and sets a first password', async ({
  page,
  browser,
}) => {
  const email = uniqueEmail('invitee');
  await new SignInPage(page).open();
  await new SignInPage(page).signIn('admin@demo.test');
  const shell = new ShellPage(page);
  await shell.expectLoaded();
  await shell.nav().getByRole('link', { name: 'Admin' }).click();
  const form = page.getByRole('form', { name: /invite/i });
  await form.getByRole('textbox', { name: 'Email' }).fill(email);
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText(/invitation sent/i).first()).toBeVisible();

  const link = await waitForLink(email, '/invite/');
  const invitee = await browser.newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(email)).toBeVisible();
  await expect(invitee.getByText('Demo').first()).toBeVisible();
  await invitee.getByRole('textbox', { name: 'Your name' }).fill('Nora New');
  await invitee.getByLabel('New password').fill('a-good-first-password');
  await invitee.getByRole('button', { name: 'Accept invitation' }).click();
  await new ShellPage(invitee).expectLoaded();

  // The link is single use.
  await invitee.goto(link);
  await expect(invitee.getByRole('button', { name: 'Accept invitation' })).toHaveCount(0);
  await expect(invitee.getByText(/no longer valid|expired|used/i).first()).toBeVisible();

  // And the new password signs in from a fresh browser.
  const fresh = await browser.newContext();
  const freshPage = await fresh.newPage();
  const signIn = new SignInPage(freshPage);
  await signIn.open();
  await signIn.signIn(email, 'a-good-first-password');
  await new ShellPage(freshPage).expectLoaded();
  await fresh.close();
});
