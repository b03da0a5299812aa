import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_RESET_TTL_MS, PASSWORD_RESETS_PER_HOUR } from '../../accounts/password-reset.js';
import { tokenFromMail } from '../../test-support/mailbox.js';
import { createTestApp, type TestApp } from '../../test-support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

async function requestReset(email: string) {
  const response = await t.client().post('/api/password-reset', { email });
  expect(response.statusCode).toBe(202);
  expect(response.body).toBe('');
  return response;
}

describe('password reset', () => {
  it('emails a link; the new password works, the old one and every old session do not', async () => {
    const oldSession = t.client();
    await oldSession.signIn('alice@demo.test');
    await requestReset('alice@demo.test');
    const mail = await t.mailbox.next('alice@demo.test');
    const token = tokenFromMail(mail, t.config.publicUrl, 'reset');

    const set = await t
      .client()
      .post(`/api/password-reset/${token}`, { password: 'brand-new-password' });
    expect(set.statusCode).toBe(204);
    expect((await oldSession.get('/api/me')).statusCode).toBe(401);
    const old = await t
      .client()
      .post('/api/session', { email: 'alice@demo.test', password: 'demo-password' });
    expect(old.statusCode).toBe(401);
    await t.client().signIn('alice@demo.test', 'brand-new-password');

    // Single use.
    const again = await t
      .client()
      .post(`/api/password-reset/${token}`, { password: 'yet-another-password' });
    expect(again.statusCode).toBe(404);
    await t.client().signIn('alice@demo.test', 'brand-new-password');
  });

  it('answers 202 for an unknown email and sends nothing', async () => {
    await requestReset('nobody@demo.test');
    // A known address requested afterwards is the only mail that arrives.
    await requestReset('bob@demo.test');
    const mail = await t.mailbox.next('bob@demo.test');
    expect(mail.to).toEqual(['bob@demo.test']);
    expect(t.mailbox.received.filter((m) => m.to.includes('nobody@demo.test'))).toEqual([]);
  });

  it('a token expires after an hour, and using one retires the others', async () => {
    await requestReset('carol@demo.test');
    const first = tokenFromMail(
      await t.mailbox.next('carol@demo.test'),
      t.config.publicUrl,
      'reset',
    );
    await requestReset('carol@demo.test');
    const second = tokenFromMail(
      await t.mailbox.next('carol@demo.test'),
      t.config.publicUrl,
      'reset',
    );
    expect(
      (await t.client().post(`/api/password-reset/${second}`, { password: 'carols-new-password' }))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.client().post(`/api/password-reset/${first}`, { password: 'carols-other-password' }))
        .statusCode,
    ).toBe(404);

    await requestReset('bob@demo.test');
    const late = tokenFromMail(await t.mailbox.next('bob@demo.test'), t.config.publicUrl, 'reset');
    t.clock.advance(PASSWORD_RESET_TTL_MS + 1);
    const expired = await t
      .client()
      .post(`/api/password-reset/${late}`, { password: 'bobs-new-password' });
    expect(expired.statusCode).toBe(404);
    expect(expired.json().error.code).toBe('not_found');
  });

  it('sends at most a few reset mails per account per hour, still answering 202', async () => {
    const admin = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'admin@demo.test')
      .executeTakeFirstOrThrow();
    const count = async () =>
      (
        await t.db
          .selectFrom('password_resets')
          .select('token_hash')
          .where('user_id', '=', admin.id)
          .execute()
      ).length;
    for (let i = 0; i < PASSWORD_RESETS_PER_HOUR + 2; i++) await requestReset('admin@demo.test');
    expect(await count()).toBe(PASSWORD_RESETS_PER_HOUR);
    for (let i = 0; i < PASSWORD_RESETS_PER_HOUR; i++) await t.mailbox.next('admin@demo.test');
    t.clock.advance(61 * 60 * 1000);
    await requestReset('admin@demo.test');
    expect(await count()).toBe(PASSWORD_RESETS_PER_HOUR + 1);
  });

  it('rejects a short password with 400 naming the field', async () => {
    const response = await t.client().post('/api/password-reset/some-token', { password: 'short' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('body.password');
  });
});
