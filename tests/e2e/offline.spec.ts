import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { ShellPage } from './pages/shell-page.js';

test('the shell reloads offline from the service worker and says it is offline', async ({
  page,
  context,
}) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('bob@demo.test');
  const shell = new ShellPage(page);
  await shell.expectLoaded();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('button', { name: /^Status/ })).toBeVisible();
  await expect(shell.nav().getByRole('link', { name: 'Phone' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();

  // /api/ is never answered from a cache: offline it fails instead of showing stale data.
  const apiOffline = await page.evaluate(async () => {
    try {
      await fetch('/api/me');
      return 'answered';
    } catch {
      return 'failed';
    }
  });
  expect(apiOffline).toBe('failed');

  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toHaveCount(0);
});
