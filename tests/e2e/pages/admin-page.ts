import { expect, type Locator, type Page } from '@playwright/test';
import { ShellPage } from './shell-page.js';

/** The Admin page: members with their skills, the skills dialog, the routing and task settings. */
export class AdminPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await new ShellPage(this.page).nav().getByRole('link', { name: 'Admin' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Admin' })).toBeVisible();
  }

  /** The list of a member's skills in the members table (absent while they have none). */
  skillsOf(name: string): Locator {
    return this.page.getByRole('list', { name: `Skills of ${name}` });
  }

  editSkillsButton(name: string): Locator {
    return this.page.getByRole('button', { name: `Edit skills of ${name}` });
  }

  skillsDialog(name: string): Locator {
    return this.page.getByRole('dialog', { name: `Skills of ${name}` });
  }

  settings(): Locator {
    return this.page.getByRole('form', { name: 'Routing and tasks' });
  }

  settingsField(label: string): Locator {
    return this.settings().getByRole('textbox', { name: label });
  }

  settingsCheckbox(label: string): Locator {
    return this.settings().getByRole('checkbox', { name: label });
  }
}
