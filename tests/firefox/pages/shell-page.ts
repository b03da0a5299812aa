import type { Page } from 'puppeteer-core';

// The workspace frame for puppeteer. Firefox answers an ARIA query by walking the accessibility
// tree under its start node, about 1 ms an element: over the whole page with the task table
// (3,000 elements) one query takes 4 s, inside the top bar or the navigation 0.1-0.2 s. So
// queries start from a landmark element ('nav ::-p-aria(...)', found again on every poll: the
// shell swaps its frame once the session loads), and the task grid is checked through the DOM.
export class ShellPage {
  constructor(private readonly page: Page) {}

  /** The top bar and navigation are there, with the user menu named after `userName`. */
  async expectFrame(userName: string): Promise<void> {
    await this.page.locator('nav ::-p-aria([name="Phone"][role="link"])').wait();
    await this.page.locator(`header ::-p-aria([name="${userName}"][role="button"])`).wait();
  }

  /** The grid labelled Tasks shows tasks (a task's link, not its loading or empty message). */
  async expectTasks(): Promise<void> {
    await this.page.waitForSelector('[role="grid"][aria-label="Tasks"] a.task-link');
  }

  /** Resolves once a status region (role=status) says `text`, or once none does. */
  async expectStatus(text: string, shown = true, timeout?: number): Promise<void> {
    await this.page.waitForFunction(
      (wanted: string, shown: boolean) =>
        [...document.querySelectorAll('[role="status"]')].some((region) =>
          region.textContent?.includes(wanted),
        ) === shown,
      timeout === undefined ? {} : { timeout },
      text,
      shown,
    );
  }

  /** What a fetch of `path` from the page gets: the status, or 'failed' for a network error. */
  fetchFromPage(path: string): Promise<number | 'failed'> {
    return this.page.evaluate(async (url: string) => {
      try {
        return (await fetch(url)).status;
      } catch {
        return 'failed' as const;
      }
    }, path);
  }
}
