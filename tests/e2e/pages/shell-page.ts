import { expect, type Page } from '@playwright/test';

export class ShellPage {
  constructor(private readonly page: Page) {}

  tasks() {
    return this.page
      .getByRole('table', { name: 'Tasks' })
      .or(this.page.getByRole('grid', { name: 'Tasks' }));
  }

  nav() {
    return this.page.getByRole('navigation');
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page.getByRole('button', { name: /^Status/ })).toBeVisible();
    await expect(this.tasks()).toBeVisible();
  }

  /** Signs out, keeping this device's copy of the data unless `wipe`. */
  async signOut(options: { wipe?: boolean } = {}): Promise<void> {
    await this.page.getByRole('button', { name: this.userMenuName }).click();
    await this.page.getByRole('menuitem', { name: 'Sign out' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Sign out' });
    await dialog
      .getByRole('button', {
        name: options.wipe ? 'Remove data and sign out' : 'Keep data and sign out',
      })
      .click();
  }

  /** The user menu button is named after the signed-in user. */
  private userMenuName = /Alice|Bob|Carol|Ada|Pat|Nora/;

  async openUserMenu(name: string | RegExp): Promise<void> {
    await this.page.getByRole('button', { name }).click();
  }

  async switchInstance(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Switch instance' }).click();
    await this.page
      .getByRole('dialog')
      .getByRole('button', { name })
      .or(this.page.getByRole('menuitem', { name }))
      .click();
  }
}
