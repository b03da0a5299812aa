// The Admin page (issue 6): an admin gives bob a skill with the keyboard and another device sees
// it by sync within a second; the routing and task settings save and survive a reload. Other specs
// rely on bob's demo skills (support, billing) and on Demo's settings, so this spec only adds a
// skill no other spec uses ("french") and changes only the wrap-up and offer times, and puts
// everything back in `finally`.
import { expect, test, type Page } from '@playwright/test';
import { AdminPage } from './pages/admin-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { apiAs } from './support/accounts.js';
import { expectNoAxeViolations } from './support/task-fixtures.js';

async function signInToAdmin(page: Page, email: string, instance?: string): Promise<AdminPage> {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(email);
  if (instance) await page.getByRole('button', { name: instance }).click();
  // Sign-in hashes the password (scrypt): slow on a loaded machine.
  await expect(page.getByRole('button', { name: /^Status/ })).toBeVisible({ timeout: 30_000 });
  const admin = new AdminPage(page);
  await admin.open();
  return admin;
}

async function bobId(): Promise<string> {
  const bob = await apiAs('bob@demo.test');
  const me = (await (await bob.get('/api/me')).json()) as { user: { id: string } };
  await bob.dispose();
  return me.user.id;
}

test('an admin gives bob a skill and takes it away; another device follows by sync', async ({
  page,
  browser,
}) => {
  const admin = await signInToAdmin(page, 'admin@demo.test');
  // The second device: Pat, who manages Demo as a service provider, on the same page.
  const otherContext = await browser.newContext();
  const other = await signInToAdmin(await otherContext.newPage(), 'provider@demo.test', 'Demo');

  const bobSkills = admin.skillsOf('Bob Brown').getByRole('listitem');
  await expect(bobSkills).toHaveText(['support', 'billing']);
  const original = await bobSkills.allTextContents();
  const id = await bobId();
  try {
    // Keyboard only: the Edit button, the new skill field, Enter adds, then Save.
    await admin.editSkillsButton('Bob Brown').focus();
    await page.keyboard.press('Enter');
    const dialog = admin.skillsDialog('Bob Brown');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: 'billing' })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'sales' })).not.toBeChecked();
    const newSkill = dialog.getByRole('textbox', { name: 'New skill' });
    await newSkill.focus();
    await page.keyboard.type('Support');
    await page.keyboard.press('Enter');
    await expect(dialog.getByText('This person already has that skill.')).toBeVisible();
    await newSkill.fill('');
    await page.keyboard.type('french');
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('checkbox', { name: 'french' })).toBeChecked();
    await expectNoAxeViolations(page);

    const saved = page.waitForResponse(
      (r) => r.url().endsWith(`/api/members/${id}/skills`) && r.request().method() === 'PUT',
    );
    await dialog.getByRole('button', { name: 'Save skills' }).click();
    expect((await saved).status()).toBe(200);
    // The other device learns it by poke and pull, not by reloading.
    await expect(other.skillsOf('Bob Brown').getByRole('listitem')).toHaveText(
      ['support', 'billing', 'french'],
      { timeout: 1_000 },
    );
    await expect(dialog).toBeHidden();
    await expect(admin.editSkillsButton('Bob Brown')).toBeFocused();
    await expect(bobSkills).toHaveText(['support', 'billing', 'french']);

    // Removing: untick it and save; the other device follows again.
    await admin.editSkillsButton('Bob Brown').click();
    await dialog.getByRole('checkbox', { name: 'french' }).uncheck();
    await dialog.getByRole('button', { name: 'Save skills' }).click();
    await expect(other.skillsOf('Bob Brown').getByRole('listitem')).toHaveText(original, {
      timeout: 1_000,
    });
    await expectNoAxeViolations(page);
  } finally {
    const api = await apiAs('admin@demo.test');
    const res = await api.put(`/api/members/${id}/skills`, { data: { skills: original } });
    expect(res.status()).toBe(200);
    await api.dispose();
    await otherContext.close();
  }
});

test('the routing and task settings save, refuse bad values, and survive a reload', async ({
  page,
}) => {
  const api = await apiAs('admin@demo.test');
  const me = (await (await api.get('/api/me')).json()) as {
    currentInstance: {
      settings: {
        wrapUpSeconds: number;
        offerTtlSeconds: number;
        capacity: Record<'call' | 'email' | 'chat' | 'manual', number>;
      };
    };
  };
  const before = me.currentInstance.settings;
  try {
    const admin = await signInToAdmin(page, 'admin@demo.test');
    const wrapUp = admin.settingsField('Wrap-up time after a call');
    const offers = admin.settingsField('Offers to a colleague expire after');
    // Email only: Demo routes by Play and calls ring one at a time for the phone specs.
    const emails = admin.settingsField('Emails at once');
    await expect(emails).toHaveValue(String(before.capacity.email));
    await expect(wrapUp).toHaveValue(String(before.wrapUpSeconds));
    await expect(offers).toHaveValue(String(before.offerTtlSeconds / 60));
    // Other specs rely on Demo routing by Play and resolving without a tag.
    await expect(admin.settingsCheckbox('Offer waiting tasks to Ready agents')).not.toBeChecked();
    await expect(admin.settingsCheckbox('Resolving needs an outcome tag')).not.toBeChecked();

    const save = admin.settings().getByRole('button', { name: 'Save settings' });
    await wrapUp.fill('half a minute');
    await offers.fill('0');
    await emails.fill('many');
    await save.click();
    await expect(wrapUp).toHaveAccessibleDescription(
      /Give the wrap-up time as a whole number of seconds/,
    );
    await expect(offers).toHaveAccessibleDescription(/expire after 1 to 1,440 minutes/);
    await expect(emails).toHaveAccessibleDescription(/at once as a whole number/);
    await expectNoAxeViolations(page);
    const unchanged = (await (await api.get('/api/me')).json()) as typeof me;
    expect(unchanged.currentInstance.settings).toMatchObject(before);

    await wrapUp.fill('45');
    await offers.fill('15');
    await emails.fill('7');
    await save.click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await expect(wrapUp).not.toHaveAttribute('aria-invalid');

    await page.reload();
    await expect(wrapUp).toHaveValue('45');
    await expect(offers).toHaveValue('15');
    await expect(emails).toHaveValue('7');
    await expect(admin.settingsCheckbox('Resolving needs an outcome tag')).not.toBeChecked();
    const after = (await (await api.get('/api/me')).json()) as typeof me;
    expect(after.currentInstance.settings).toMatchObject({
      wrapUpSeconds: 45,
      offerTtlSeconds: 900,
      capacity: { ...before.capacity, email: 7 },
    });
  } finally {
    const res = await api.patch('/api/instance/settings', {
      data: {
        wrapUpSeconds: before.wrapUpSeconds,
        offerTtlSeconds: before.offerTtlSeconds,
        capacity: before.capacity,
      },
    });
    expect(res.status()).toBe(200);
    await api.dispose();
  }
});
