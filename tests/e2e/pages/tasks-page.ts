import { expect, type Page } from '@playwright/test';

/** The task list and a task's detail, found by role and accessible name as a screen reader would. */
export class TasksPage {
  constructor(private readonly page: Page) {}

  list() {
    return this.page.getByRole('grid', { name: 'Tasks' });
  }

  /** The task rows (the header row is in the grid too). */
  rows() {
    return this.list()
      .getByRole('row')
      .filter({ has: this.page.getByRole('gridcell') })
      .filter({ has: this.page.getByRole('link') });
  }

  /** The titles of the rows on screen, top to bottom. */
  async titles(): Promise<string[]> {
    return this.rows().getByRole('link').allTextContents();
  }

  filters() {
    return this.page.getByRole('search', { name: 'Filter tasks' });
  }

  searchBox() {
    return this.filters().getByRole('searchbox', { name: 'Search tasks' });
  }

  async search(text: string): Promise<void> {
    await this.searchBox().fill(text);
  }

  /** A several-values filter's button (Type, Status, Assignee, Skills): "Filter by Status: Open". */
  filterButton(label: 'Type' | 'Status' | 'Assignee' | 'Skills') {
    return this.filters().getByRole('button', { name: new RegExp(`^Filter by ${label}:`) });
  }

  /** Ticks exactly `values` in a several-values filter (unticking the others), then closes it. */
  async choose(label: 'Type' | 'Status' | 'Assignee' | 'Skills', values: string[]) {
    const button = this.filterButton(label);
    await button.click();
    const group = this.filters().getByRole('group', { name: label });
    // By name, not position: the list may re-render as the filter changes what is shown.
    const names = (await group.locator('label').allTextContents()).map((n) => n.trim());
    // Two colleagues may share a name (other specs invite the same "Nora New"): set each box.
    for (const name of new Set(names)) {
      for (const box of await group.getByRole('checkbox', { name, exact: true }).all()) {
        await box.setChecked(values.includes(name));
      }
    }
    await button.press('Escape');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
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

  /** Filters by one status, then saves that filter under `name`. */
  async saveFilter(name: string, status: string): Promise<void> {
    await this.choose('Status', [status]);
    await this.saveCurrentFilter(name);
    await expect(this.savedFilter(name)).toBeVisible();
  }

  /** Opens "Save filter", types the name and saves; the dialog stays open if it is refused. */
  async saveCurrentFilter(name: string, options: { shared?: boolean } = {}): Promise<void> {
    await this.page.getByRole('button', { name: 'Save filter' }).click();
    const dialog = this.saveDialog();
    await dialog.getByRole('textbox', { name: 'Filter name' }).fill(name);
    if (options.shared) await dialog.getByRole('checkbox', { name: /Share with/ }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
  }

  saveDialog() {
    return this.page.getByRole('dialog', { name: 'Save filter' });
  }

  savedFilters() {
    return this.page.getByRole('list', { name: 'Saved filters' });
  }

  savedFilter(name: string) {
    return this.savedFilters().getByRole('button', { name: `Apply filter ${name}`, exact: true });
  }

  /** A built-in status or one the admin added, by its label. */
  async setAgentStatus(status: string): Promise<void> {
    await this.page.getByRole('button', { name: /^Status/ }).click();
    await this.page.getByRole('menuitem', { name: status, exact: true }).click();
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
