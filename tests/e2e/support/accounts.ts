import { expect, request, type APIRequestContext } from '@playwright/test';
import { e2ePort } from '../../support/browser.js';
import { waitForLink } from '../../support/mailbox.js';
import { demoPassword } from '../pages/sign-in-page.js';

const baseURL = `http://127.0.0.1:${e2ePort}`;

/** An API client that behaves like the PWA: same origin, JSON, cookies kept. */
export async function apiAs(email: string, password = demoPassword): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const res = await api.post('/api/session', { data: { email, password } });
  expect(res.status(), `sign in as ${email}`).toBe(200);
  return api;
}

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@demo.test`;
}

/** Has the Demo admin invite `email` and returns the emailed invitation link. */
export async function inviteToDemo(email: string, role = 'agent'): Promise<string> {
  const admin = await apiAs('admin@demo.test');
  const res = await admin.post('/api/invitations', { data: { email, role } });
  expect(res.status()).toBe(201);
  await admin.dispose();
  return waitForLink(email, '/invite/');
}

/** Creates a fresh Demo agent through a real invitation and returns its credentials. */
export async function createDemoAgent(
  prefix: string,
): Promise<{ email: string; password: string }> {
  const email = uniqueEmail(prefix);
  const link = await inviteToDemo(email);
  const token = link.split('/invite/')[1];
  const password = 'first-password-123';
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const res = await api.post(`/api/invitations/${token}/accept`, {
    data: { name: 'Nora New', password },
  });
  expect(res.status()).toBe(200);
  await api.dispose();
  return { email, password };
}
