// Push routing (issue 6) in two browsers, on a stack of its own: turning routing on for the
// shared Demo would hand the other specs' waiting tasks to whoever is Ready. alice goes Ready and
// routing reserves work to her (Offers, from "Routing"); she accepts one and lets the rest run
// out, so she becomes Missed; the tasks she let go are reserved to bob when he goes Ready.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { e2ePort, e2eSmtpPort } from '../support/browser.js';
import { runDir } from '../support/paths.js';
import { startStack, type Stack } from '../support/stack.js';
import { SignInPage } from './pages/sign-in-page.js';
import { TasksPage } from './pages/tasks-page.js';
import { TaskPage } from './pages/task-page.js';
import { expectNoAxeViolations } from './support/task-fixtures.js';

test.describe.configure({ mode: 'serial' });

const reservationSeconds = 10;
let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({
    port: e2ePort + 5,
    smtpPort: e2eSmtpPort + 5,
    sip: false,
    dir: `${runDir}-routing`,
  });
});
test.afterAll(async () => {
  await stack?.stop();
});

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: stack.baseUrl });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(email);
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible({
    timeout: 30_000,
  });
  return page;
}

/** The admin turns push routing on with a short reservation time, as the PWA would call it. */
async function turnRoutingOn(browser: Browser): Promise<void> {
  const admin = await signedIn(browser, 'admin@demo.test');
  const status = await admin.evaluate(async (seconds) => {
    const response = await fetch('/api/instance/settings', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pushRouting: true, reservationSeconds: seconds }),
    });
    return response.status;
  }, reservationSeconds);
  expect(status).toBe(200);
  await admin.context().close();
}

test('a Ready agent is offered work by routing; unanswered reservations make her Missed and go to the next agent', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await turnRoutingOn(browser);
  const alice = await signedIn(browser, 'alice@demo.test');
  const bob = await signedIn(browser, 'bob@demo.test');
  try {
    // Nothing is offered to an agent who is not Ready.
    const aliceTasks = new TasksPage(alice);
    await aliceTasks.setAgentStatus('Busy');
    await new TasksPage(bob).setAgentStatus('Busy');
    await expect(alice.getByRole('button', { name: /^Offers \(\d+\)$/ })).toHaveCount(0);

    await aliceTasks.setAgentStatus('Ready');
    const offersButton = alice.getByRole('button', { name: /^Offers \(\d+\)$/ });
    await expect(offersButton).toBeVisible({ timeout: 10_000 });
    await offersButton.click();
    const list = alice.getByRole('dialog', { name: 'Offers' });
    const items = list.getByRole('listitem');
    await expect(items.first()).toContainText(/^Routing offers you “.+”/);
    const offered = await items.count();
    expect(offered).toBeGreaterThan(0);
    await expectNoAxeViolations(alice);

    // She accepts the first: it opens and is hers.
    const first = items.first();
    const title = /“([^”]+)”/.exec((await first.textContent()) ?? '')?.[1] ?? '';
    expect(title).not.toBe('');
    await first.getByRole('button', { name: 'Accept' }).click();
    const task = new TaskPage(alice);
    await expect(task.heading(title)).toBeVisible();
    await expect(task.fact('Assignee')).toHaveText('Alice Anders');
    // Routing made the reservation (no person: the log names the product), alice accepted it.
    await expect
      .poll(() => task.logLines())
      .toEqual(
        expect.arrayContaining([
          'Alice Anders accepted the offer',
          'Switchboard offered it to Alice Anders',
        ]),
      );

    // The rest run out (the sweeper looks every 5 s): she is Missed, and gets no more work.
    await expect(alice.getByRole('button', { name: /^Status:? Missed/ })).toBeVisible({
      timeout: (reservationSeconds + 15) * 1000,
    });
    await expect(alice.getByRole('button', { name: /^Offers \(\d+\)$/ })).toHaveCount(0);

    // Bob goes Ready: what alice let go is reserved to him.
    const bobOffers = bob.getByRole('button', { name: /^Offers \(\d+\)$/ });
    await new TasksPage(bob).setAgentStatus('Ready');
    await expect(bobOffers).toBeVisible({ timeout: 10_000 });
    await bobOffers.click();
    await expect(
      bob.getByRole('dialog', { name: 'Offers' }).getByRole('listitem').first(),
    ).toContainText(/^Routing offers you/);
    // She is still Missed: a status only she (or Play) changes.
    await expect(alice.getByRole('button', { name: /^Status:? Missed/ })).toBeVisible();
  } finally {
    await alice.context().close();
    await bob.context().close();
  }
});
