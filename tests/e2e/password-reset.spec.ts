import { expect, test } from '@playwright/test';
import { waitForLink } from '../support/mailbox.js';
import { SignInPage } from './pages/sign-in-page.js';
import { ShellPage } from './pages/shell-page.js';
import { createDemoAgent } from './support/accounts.js';

test('a user who forgot the password resets it through the emailed link', async ({ page }) => {
  const { email, password: oldPassword } = await createDemoAgent('forgetful');
  const signIn = new SignInPage(page);
  await signIn.open();
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText(/on its way/i)).toBeVisible();

  const link = await waitForLink(email, '/reset/');
  await page.goto(link);
  await page.getByLabel('New password').fill('a-brand-new-password');
  await page.getByLabel('Repeat password').fill('a-brand-new-password');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByText('Password changed. Sign in with your new password.')).toBeVisible();

  await signIn.signIn(email, oldPassword);
  await expect(signIn.errorAlert()).toHaveText('Wrong email or password.');
  await signIn.signIn(email, 'a-brand-new-password');
  await new ShellPage(page).expectLoaded();
});
