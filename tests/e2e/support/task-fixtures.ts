// Tasks made through the sync API with the fields a list test needs, and the axe check the task
// list specs share.
import { randomUUID } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { pushOne } from './sync-api.js';

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

interface Made {
  title: string;
  type?: 'call' | 'email' | 'chat' | 'manual';
  priority?: number;
  assigneeId?: string | null;
  skills?: string[];
  dueAt?: string | null;
  status?: 'open' | 'pending' | 'resolved';
}

/** Creates a task through the sync API as `api`'s user, with the given fields. */
export async function makeTask(api: APIRequestContext, made: Made): Promise<string> {
  const id = randomUUID();
  const created = await pushOne(api, 'task.create', {
    id,
    type: made.type ?? 'manual',
    channel: made.type ?? 'manual',
    title: made.title,
    description: '',
    customerName: 'List Test Customer',
    customerPhone: null,
    customerEmail: null,
    contactId: null,
    priority: made.priority ?? 2,
    skills: made.skills ?? [],
    dueAt: made.dueAt ?? null,
    assigneeId: made.assigneeId ?? null,
  });
  expect(created.status).toBe('ok');
  if (made.status && made.status !== 'open') {
    const set = await pushOne(api, 'task.setStatus', { taskId: id, status: made.status });
    expect(set.status).toBe('ok');
  }
  return id;
}
