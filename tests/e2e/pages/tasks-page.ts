import { expect, type Page } from '@playwright/test';

/** The task list and a task's detail, found by role and accessible name as a screen reader would. */
export class TasksPage {
  constructor(private readonly page: Page) {}

  list() {
    return this.page.getByRole('table', { name: 'Tasks' });
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search tasks' }).fill(text);
  }

  async openTask(title: string): Promise<void> {
    await this.search(title);
    await this.list().getByRole('link', { name: title }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  }

  async addComment(text: string, file?: { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.getByRole('tab', { name: 'Comments' }).click();
    await this.page.getByRole('textbox', { name: 'Comment' }).fill(text);
    if (file) await this.page.getByLabel('Attach files').setInputFiles(file);
    await this.page.getByRole('button', { name: 'Add comment' }).click();
    await expect(this.comments().getByText(text)).toBeVisible();
  }

  comments() {
    return this.page.getByRole('tabpanel', { name: 'Comments' });
  }

  async resolve(): Promise<void> {
    await this.page.getByRole('button', { name: 'Resolve' }).click();
    await expect(this.page.getByRole('button', { name: 'Reopen' })).toBeVisible();
  }

  async saveFilter(name: string, status: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Status' }).selectOption({ label: status });
    await this.page.getByRole('button', { name: 'Save filter' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Save filter' });
    await dialog.getByRole('textbox', { name: 'Filter name' }).fill(name);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(
      this.savedFilters().getByRole('button', { name: `Apply filter ${name}` }),
    ).toBeVisible();
  }

  savedFilters() {
    return this.page.getByRole('list', { name: 'Saved filters' });
  }

  async setAgentStatus(status: 'Ready' | 'Busy' | 'Break' | 'Offline'): Promise<void> {
    await this.page.getByRole('button', { name: /^Status/ }).click();
    await this.page.getByRole('menuitem', { name: status }).click();
    await expect(
      this.page.getByRole('button', { name: new RegExp(`^Status:? ${status}`) }),
    ).toBeVisible();
  }

  syncStatus() {
    return this.page
      .getByRole('status')
      .filter({ hasText: /Offline|waiting to sync|Synced|Sign in/ });
  }
}
