import { expect, test } from '@playwright/test';
import { callLaunchOptions } from '../support/browser.js';
import { Agent } from './pages/phone-page.js';
import { SignInPage } from './pages/sign-in-page.js';

// Real Kamailio, real Chromium with fake microphones: every call here crosses the SIP server.
test.use({ launchOptions: callLaunchOptions });
test.describe.configure({ mode: 'serial' });

let alice: Agent;
let bob: Agent;

test.beforeAll(async ({ browser }) => {
  alice = await Agent.signIn(browser, 'alice@demo.test', 'Alice Anders');
  bob = await Agent.signIn(browser, 'bob@demo.test', 'Bob Brown');
});
test.afterAll(async () => {
  await alice?.close();
  await bob?.close();
});

test('agents register with time-limited credentials from the server', async () => {
  await alice.expectRegistered();
  await bob.expectRegistered();
});

test('alice calls bob by extension, bob answers, audio flows both ways, hold plays music, mute silences', async () => {
  await alice.dial('1002');
  await expect(bob.page.getByText(/Alice Anders/).first()).toBeVisible();
  await bob.button('Answer').click();
  await expect(alice.button('Hang up')).toBeVisible();
  await expect(bob.button('Hang up')).toBeVisible();
  // The caller sees the colleague's name, not only the extension dialled.
  await expect(
    alice.page.getByRole('region', { name: /^Call with Bob Brown.*1002/ }),
  ).toBeVisible();

  // RTP both ways, carrying sound (the fake microphone beeps): packets and energy rise.
  await expect.poll(async () => (await alice.energyOver(1000)).packets).toBeGreaterThan(20);
  await expect.poll(async () => (await bob.energyOver(1000)).packets).toBeGreaterThan(20);
  await expect.poll(async () => (await bob.energyOver(1500)).energy).toBeGreaterThan(0);
  await expect.poll(async () => (await alice.energyOver(1500)).energy).toBeGreaterThan(0);

  // The level meters move with the sound: alice's microphone and what she receives from bob.
  await expect.poll(() => alice.peakLevel(/Bob Brown/, 'Microphone level')).toBeGreaterThan(0);
  await expect.poll(() => alice.peakLevel(/Bob Brown/, 'Incoming audio level')).toBeGreaterThan(0);

  // Hold: bob keeps receiving sound, the music, not silence.
  await alice.button('Hold').click();
  await expect(alice.button('Resume')).toBeVisible();
  await expect(alice.page.getByText('On hold').first()).toBeVisible();
  await expect.poll(async () => (await bob.energyOver(1500)).energy).toBeGreaterThan(0);
  await alice.button('Resume').click();
  await expect(alice.button('Hold')).toBeVisible();

  // Mute: bob's received energy stops growing; unmute brings it back.
  const speaking = await bob.energyOver(2000);
  await alice.button('Mute').click();
  await expect(alice.button('Unmute')).toBeVisible();
  await expect
    .poll(async () => (await bob.energyOver(1500)).energy)
    .toBeLessThan(speaking.energy / 20);
  // Muted, alice's microphone meter reads silence (what bob gets from it), bob's still moves.
  expect(await alice.peakLevel(/Bob Brown/, 'Microphone level', 2000)).toBe(0);
  expect(await alice.peakLevel(/Bob Brown/, 'Incoming audio level', 2000)).toBeGreaterThan(0);
  await alice.button('Unmute').click();
  await expect
    .poll(async () => (await bob.energyOver(1500)).energy)
    .toBeGreaterThan(speaking.energy / 4);
  await expect.poll(() => alice.peakLevel(/Bob Brown/, 'Microphone level')).toBeGreaterThan(0);

  await bob.button('Hang up').click();
  await expect(alice.button('Hang up')).toHaveCount(0);
  await expect(bob.button('Hang up')).toHaveCount(0);
});

test('keypad tones sent as SIP INFO arrive at the other side', async () => {
  await alice.page
    .getByRole('combobox', { name: 'Keypad tones' })
    .selectOption({ label: 'As SIP INFO messages' });
  await alice.dial('1002');
  await bob.button('Answer').click();
  await expect(alice.button('Hang up')).toBeVisible();
  await alice.button('Keypad').click();
  for (const tone of ['1', '2', '#']) await alice.button(tone).click();
  await expect(bob.page.getByText('Tones received: 12#')).toBeVisible();
  await alice.button('Hang up').click();
  await expect(bob.button('Hang up')).toHaveCount(0);
  await alice.page
    .getByRole('combobox', { name: 'Keypad tones' })
    .selectOption({ label: 'In the audio stream (RFC 4733)' });
});

test('a declined call tells the caller the line is busy', async () => {
  await alice.dial('1002');
  await bob.button('Decline').click();
  await expect(alice.page.getByText(/busy/i).first()).toBeVisible();
  await expect(alice.button('Hang up')).toHaveCount(0);
  await expect(bob.button('Answer')).toHaveCount(0);

  // Both call histories keep it, from the store, with a way to call back.
  const aliceRow = (await alice.historyRows('Bob Brown')).first();
  await expect(aliceRow).toContainText('Outgoing');
  await expect(aliceRow).toContainText('Declined');
  await expect(aliceRow.getByRole('button', { name: 'Call Bob Brown' })).toBeVisible();
  const bobRow = (await bob.historyRows('Alice Anders')).first();
  await expect(bobRow).toContainText('Incoming');
  await expect(bobRow).toContainText('Declined');
  await alice.backToPhone();
  await bob.backToPhone();
});

test('the caller cancels before the answer and the callee stops ringing', async () => {
  await bob.dial('1001');
  await expect(alice.button('Answer')).toBeVisible();
  await bob.button('Hang up').click();
  await expect(alice.button('Answer')).toHaveCount(0);
  await expect(bob.button('Hang up')).toHaveCount(0);
});

test('the chosen microphone is remembered and used for the next call', async () => {
  const microphone = alice.page.getByRole('combobox', { name: 'Microphone' });
  const options = await microphone
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v !== ''));
  expect(options.length).toBeGreaterThan(1);
  const chosen = options[options.length - 1] ?? '';
  await microphone.selectOption(chosen);
  await alice.page.reload();
  await alice.expectRegistered();
  await expect(alice.page.getByRole('combobox', { name: 'Microphone' })).toHaveValue(chosen);

  await alice.dial('1002');
  await bob.button('Answer').click();
  await expect(alice.button('Hang up')).toBeVisible();
  const used = await alice.page.evaluate(() => {
    const pcs = window.__sbPeerConnections ?? [];
    const track = pcs[pcs.length - 1]?.getSenders().find((s) => s.track?.kind === 'audio')?.track;
    return track?.getSettings().deviceId ?? null;
  });
  expect(used).toBe(chosen);
  await alice.button('Hang up').click();
  await expect(bob.button('Hang up')).toHaveCount(0);
});

test('credentials Kamailio refuses are reported to the agent', async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['microphone'] });
  const page = await context.newPage();
  // The real server's answer with a broken signature: Kamailio itself must refuse it.
  await page.route('**/api/sip/credentials', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { password: string };
    await route.fulfill({ response, json: { ...body, password: 'AAAA' + body.password.slice(4) } });
  });
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('carol@demo.test');
  await page.getByRole('button', { name: 'Demo' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Phone' }).click();
  await expect(page.getByText(/refused|403/i).first()).toBeVisible({ timeout: 15_000 });
  await context.close();
});

test('a call to a hidden tab shows a desktop notification, and clicking it answers', async () => {
  const before = (await bob.notifications()).length;
  // While the tab is visible the dock is enough: no notification.
  await alice.dial('1002');
  await expect(bob.button('Answer')).toBeVisible();
  await alice.button('Hang up').click();
  await expect(bob.button('Answer')).toHaveCount(0);
  expect(await bob.notifications()).toHaveLength(before);
  await alice.expectNoCalls();

  await bob.setHidden(true);
  await alice.dial('1002');
  await expect
    .poll(async () => (await bob.notifications()).slice(before))
    .toEqual([{ title: 'Alice Anders', body: '1001', closed: false }]);
  await bob.clickNotification('Alice Anders');
  const withBob = alice.call(/Bob Brown/);
  await expect(withBob).toContainText('Connected');
  await expect(withBob.getByRole('button', { name: 'Hang up' })).toBeVisible();
  // Answered, the notification goes away.
  await expect.poll(async () => (await bob.notifications())[before]?.closed).toBe(true);
  await bob.setHidden(false);
  await alice.button('Hang up').click();
  await expect(bob.button('Hang up')).toHaveCount(0);
  await alice.expectNoCalls();
});

test('the chosen ringer device rings and the chosen speaker plays the call (setSinkId)', async () => {
  const ringer = await bob.outputDevice(/Fake Audio Output 1/);
  const speaker = await bob.outputDevice(/Fake Audio Output 2/);
  await bob.page.getByRole('combobox', { name: 'Ringer' }).selectOption(ringer);
  await bob.page.getByRole('combobox', { name: 'Speaker' }).selectOption(speaker);
  const before = (await bob.sinks()).length;

  await alice.dial('1002');
  await expect(bob.button('Answer')).toBeVisible();
  // Ringing: the ring plays on the ringer, nothing on the speaker yet.
  await expect
    .poll(async () => (await bob.sinks()).slice(before).map((s) => s.sinkId))
    .toEqual([ringer]);
  await bob.button('Answer').click();
  await expect(alice.button('Hang up')).toBeVisible();
  // Connected: alice's voice plays on the speaker.
  await expect
    .poll(async () => (await bob.sinks()).slice(before).map((s) => s.sinkId))
    .toEqual([ringer, speaker]);
  // And the ring stopped when bob answered: only the call still plays.
  await expect.poll(() => bob.playingSinks()).toEqual([speaker]);
  await expect.poll(async () => (await bob.energyOver(1000)).energy).toBeGreaterThan(0);
  await alice.button('Hang up').click();
  await expect(bob.button('Hang up')).toHaveCount(0);
  await expect.poll(() => bob.playingSinks()).toEqual([]);

  await bob.page.getByRole('combobox', { name: 'Ringer' }).selectOption('');
  await bob.page.getByRole('combobox', { name: 'Speaker' }).selectOption('');
});
