import { cpSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { nextDistDir, webRoot } from '../support/paths.js';
import { SignInPage } from './pages/sign-in-page.js';
import { ShellPage } from './pages/shell-page.js';

// Runs after every other spec (its own project): it replaces the served build with a newer one.
test('a new build shows the update prompt instead of taking over silently', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('alice@demo.test');
  const shell = new ShellPage(page);
  await shell.expectLoaded();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect(page.getByRole('button', { name: 'Reload' })).toHaveCount(0);

  cpSync(nextDistDir, webRoot, { recursive: true });
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });

  await expect(page.getByText('A new version is ready')).toBeVisible();
  // Until the agent says so, the old version keeps running.
  await expect(page.getByRole('button', { name: /^Status/ })).toBeVisible();
  await page.getByRole('button', { name: 'Reload' }).click();
  await shell.expectLoaded();

  await page.getByRole('button', { name: 'Alice Anders' }).click();
  await page.getByRole('menuitem', { name: 'About Switchboard' }).click();
  await expect(page.getByRole('dialog', { name: 'About Switchboard' })).toContainText('e2e-next');
});
