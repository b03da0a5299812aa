import type { ElementHandle, Page } from 'puppeteer-core';

/** One comment as the Comments tab shows it. */
export interface ShownComment {
  body: string;
  /** The whole item's text: author, time, the "Waiting to sync" badge, attachment names. */
  text: string;
}

// The task list and a task's detail for puppeteer, by role and name like the Playwright model.
// ARIA queries start inside `main` or the task grid (see ShellPage: over the whole page Firefox
// takes seconds per query); the comment list is read through the DOM, like the task grid.
export class TasksPage {
  constructor(private readonly page: Page) {}

  /** Searches for `title`, opens it from the table named Tasks, and waits for its heading. */
  async openTask(title: string): Promise<void> {
    await this.page.locator('main ::-p-aria([name="Search tasks"][role="searchbox"])').fill(title);
    // Until the search applies the grid holds many tasks, and an ARIA query inside it is slow.
    await this.page.waitForFunction(
      (wanted: string) => {
        const links = document.querySelectorAll('[role="grid"][aria-label="Tasks"] a.task-link');
        return links.length === 1 && links[0]?.textContent?.includes(wanted);
      },
      {},
      title,
    );
    await this.page.locator(`[role="grid"] ::-p-aria([name="${title}"][role="link"])`).click();
    await this.expectTask(title);
  }

  /** The detail page of the task `title` is shown (its h1). */
  async expectTask(title: string): Promise<void> {
    await this.page.locator(`main ::-p-aria([name="${title}"][role="heading"])`).wait();
  }

  /**
   * Adds a comment from the Comments tab, with files picked through the "Attach files" input
   * (WebDriver BiDi input.setFiles), and waits until the comment is listed.
   */
  async addComment(body: string, filePaths: string[] = []): Promise<void> {
    await this.page.locator('main ::-p-aria([name="Comments"][role="tab"])').click();
    await this.page.locator('main ::-p-aria([name="Comment"][role="textbox"])').fill(body);
    if (filePaths.length > 0) {
      await (await this.fileInput()).uploadFile(...filePaths);
      for (const filePath of filePaths) {
        const name = filePath.split('/').pop() ?? filePath;
        // The picked file is listed with its remove button before the comment is sent.
        await this.page.locator(`main ::-p-aria([name="Remove ${name}"][role="button"])`).wait();
      }
    }
    await this.page.locator('main ::-p-aria([name="Add comment"][role="button"])').click();
    await this.page.waitForFunction(
      (wanted: string) =>
        [...document.querySelectorAll('main [role="tabpanel"] li.comment')].some(
          (item) => item.querySelector('.comment-body')?.textContent === wanted,
        ),
      {},
      body,
    );
  }

  /** The comments the Comments tab lists now, oldest first. */
  comments(): Promise<ShownComment[]> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('main [role="tabpanel"] li.comment')].map((item) => ({
        body: item.querySelector('.comment-body')?.textContent ?? '',
        text: item.textContent ?? '',
      })),
    );
  }

  // Firefox's accessibility locator finds this input as a button but not by its label's text, so
  // it is found through the DOM: the file input whose <label> says "Attach files".
  private async fileInput(): Promise<ElementHandle<HTMLInputElement>> {
    const handle = await this.page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLInputElement>('main input[type="file"]')].find((input) =>
        [...(input.labels ?? [])].some((label) => label.textContent?.trim() === 'Attach files'),
      ),
    );
    return handle as ElementHandle<HTMLInputElement>;
  }
}
