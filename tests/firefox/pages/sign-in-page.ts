import type { ElementHandle, Page } from 'puppeteer-core';

export const demoPassword = 'demo-password';

// The sign-in screen for puppeteer, found by accessible role and name like the Playwright model.
export class SignInPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/signin`);
    await this.page.locator('::-p-aria([name="Sign in"][role="button"])').wait();
  }

  async signIn(email: string, password = demoPassword): Promise<void> {
    await this.page.locator('::-p-aria([name="Email"][role="textbox"])').fill(email);
    await (await this.passwordInput()).type(password);
    await this.page.locator('::-p-aria([name="Sign in"][role="button"])').click();
  }

  // Firefox gives a password field no ARIA role, so its label matches the name too: take the
  // input among the matches (a locator would wait on the first match, the label, for ever).
  private async passwordInput(): Promise<ElementHandle> {
    for (const handle of await this.page.$$('::-p-aria(Password)')) {
      if (await handle.evaluate((element) => element instanceof HTMLInputElement)) return handle;
    }
    throw new Error('no input named Password');
  }
}
