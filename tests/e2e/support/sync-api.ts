import { randomUUID } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';

// The few protocol shapes these helpers read (src/domain/sync.ts has them all; the tests'
// NodeNext resolution cannot import the PWA's extensionless modules).
interface Entity {
  id: string;
  [field: string]: unknown;
}
type Change =
  | { kind: string; op: 'put'; value: Entity & Record<string, unknown> }
  | { kind: string; op: 'delete'; id: string };
interface PullResponse {
  changes: Change[];
  cursor: string;
  more: boolean;
}

/** Creates a task through the sync API as the given user, like a PWA would, and returns its id. */
export async function createTaskAs(api: APIRequestContext, title: string): Promise<string> {
  const id = randomUUID();
  const mutation = {
    id: randomUUID(),
    seq: 1,
    name: 'task.create',
    createdAt: new Date().toISOString(),
    args: {
      id,
      type: 'manual',
      channel: 'manual',
      title,
      description: '',
      customerName: 'Offline Test Customer',
      customerPhone: null,
      customerEmail: null,
      contactId: null,
      priority: 2,
      skills: [],
      dueAt: null,
      assigneeId: null,
    },
  };
  const res = await api.post('/api/sync/push', {
    data: { clientId: randomUUID(), mutations: [mutation] },
  });
  expect(res.status()).toBe(200);
  expect((await res.json()) as unknown).toEqual({ results: [{ seq: 1, status: 'ok' }] });
  return id;
}

/** One task with its comments and log, as the server has them now. */
export async function taskOnServer(api: APIRequestContext, taskId: string) {
  const res = await api.get(`/api/sync/tasks/${taskId}`);
  expect(res.status()).toBe(200);
  const { changes } = (await res.json()) as { changes: Change[] };
  const puts = (kind: string) =>
    changes.flatMap((c) => (c.kind === kind && c.op === 'put' ? [c.value] : []));
  return { task: puts('task')[0], comments: puts('comment'), log: puts('logItem') };
}

/** Everything a fresh bootstrap gives this user (all pages). */
export async function bootstrapOf(api: APIRequestContext): Promise<Change[]> {
  const all: Change[] = [];
  let cursor = '0';
  for (;;) {
    const res = await api.get(`/api/sync/pull?cursor=${encodeURIComponent(cursor)}`);
    expect(res.status()).toBe(200);
    const page = (await res.json()) as PullResponse;
    all.push(...page.changes);
    cursor = page.cursor;
    if (!page.more) return all;
  }
}

/** Pushes one mutation as a fresh client (seq 1) and returns its result. */
export async function pushOne(
  api: APIRequestContext,
  name: string,
  args: Record<string, unknown>,
): Promise<{ seq: number; status: string; reason?: string }> {
  const res = await api.post('/api/sync/push', {
    data: {
      clientId: randomUUID(),
      mutations: [{ id: randomUUID(), seq: 1, name, args, createdAt: new Date().toISOString() }],
    },
  });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as {
    results: { seq: number; status: string; reason?: string }[];
  };
  expect(body.results).toHaveLength(1);
  return body.results[0] as { seq: number; status: string; reason?: string };
}

export async function userIdOf(api: APIRequestContext): Promise<string> {
  const res = await api.get('/api/me');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { user: { id: string } }).user.id;
}
