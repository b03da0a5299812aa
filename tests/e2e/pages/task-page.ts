import { expect, type Page } from '@playwright/test';

/** One task's page (/tasks/:id) and its dialogs, found by role and accessible name. */
export class TaskPage {
  constructor(private readonly page: Page) {}

  async open(taskId: string, title: string): Promise<void> {
    await this.page.goto(`/tasks/${taskId}`);
    await expect(this.heading(title)).toBeVisible();
  }

  heading(title: string) {
    return this.page.getByRole('heading', { level: 1, name: title });
  }

  button(name: string) {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** The header's facts: "Assignee" → "Bob Brown". */
  fact(term: string) {
    return this.page
      .locator('.task-facts div')
      .filter({ has: this.page.getByText(term, { exact: true }) })
      .locator('dd');
  }

  /** The offer that concerns whoever looks: offered to me, waiting, declined, expired. */
  offerNotice() {
    return this.page.locator('.offer-notice');
  }

  offerDialog() {
    return this.page.getByRole('dialog', { name: 'Offer to colleague' });
  }

  async offerTo(name: string): Promise<void> {
    await this.button('Offer to colleague').click();
    const dialog = this.offerDialog();
    await dialog.getByRole('radio', { name: new RegExp(`^${name}`) }).check();
    await dialog.getByRole('button', { name: 'Offer', exact: true }).click();
  }

  declineDialog() {
    return this.page.getByRole('dialog', { name: 'Decline the offer' });
  }

  /** The Log tab's items, newest first, as text. */
  async logLines(): Promise<string[]> {
    await this.page.getByRole('tab', { name: 'Log' }).click();
    const list = this.page
      .getByRole('tabpanel', { name: 'Log' })
      .getByRole('list', { name: 'Log' });
    await expect(list).toBeVisible();
    return (await list.getByRole('listitem').allInnerTexts()).map((line) =>
      // The time at the end changes from run to run.
      line.replace(/\s+\S+ \d+,? \d\d:\d\d( [AP]M)?$/, '').trim(),
    );
  }

  newTaskDialog(name = 'New task') {
    return this.page.getByRole('dialog', { name });
  }
}
