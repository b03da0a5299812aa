import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { repoRoot } from '../support/paths.js';
import { SignInPage } from './pages/sign-in-page.js';
import { ShellPage } from './pages/shell-page.js';

const shots = path.join(repoRoot, 'docs/screenshots');
const widths = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 360, height: 740 } },
] as const;

async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

for (const { name, viewport } of widths) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`sign-in and shell are accessible and photographed (${name}, ${colorScheme})`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ viewport, colorScheme });
      const page = await context.newPage();
      const signIn = new SignInPage(page);
      await signIn.open();
      await expectNoAxeViolations(page);
      if (colorScheme === 'light')
        await page.screenshot({ path: path.join(shots, `signin-${name}.png`) });

      await signIn.signIn('admin@demo.test');
      const shell = new ShellPage(page);
      await shell.expectLoaded();
      await expect(shell.tasks().getByRole('row').nth(1)).toBeVisible();
      await expectNoAxeViolations(page);
      await page.screenshot({ path: path.join(shots, `tasks-${name}-${colorScheme}.png`) });
      await context.close();
    });
  }
}

test('an agent signs in with the keyboard alone', async ({ page }) => {
  await new SignInPage(page).open();
  await page.getByRole('textbox', { name: 'Email' }).focus();
  await page.keyboard.type('alice@demo.test');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type('demo-password');
  await page.keyboard.press('Enter');
  await new ShellPage(page).expectLoaded();
});
