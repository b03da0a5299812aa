import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Change, MutationArgs, MutationName, MutationResult } from '../sync/index.js';
import type { TestClient } from './test-app.js';

/** A PWA's local database as the server sees it: one clientId and its seqs. */
export class SyncTestClient {
  readonly clientId = randomUUID();
  seq = 0;

  constructor(readonly http: TestClient) {}

  /** A mutation with the next seq (not sent yet). */
  next<N extends MutationName>(name: N, args: MutationArgs[N]) {
    this.seq += 1;
    return { id: randomUUID(), seq: this.seq, name, args, createdAt: new Date().toISOString() };
  }

  send(mutations: unknown[], clientId = this.clientId): Promise<LightMyRequestResponse> {
    return this.http.post('/api/sync/push', { clientId, mutations });
  }

  /** Pushes one new mutation and returns its result (throws unless the push answered 200). */
  async do<N extends MutationName>(name: N, args: MutationArgs[N]): Promise<MutationResult> {
    const response = await this.send([this.next(name, args)]);
    if (response.statusCode !== 200) {
      throw new Error(`push ${name} failed: ${response.statusCode} ${response.body}`);
    }
    const [result] = response.json<{ results: MutationResult[] }>().results;
    if (!result) throw new Error('push answered no result');
    return result;
  }

  async pull(cursor?: string): Promise<{ changes: Change[]; cursor: string; more: boolean }> {
    const url =
      cursor === undefined
        ? '/api/sync/pull'
        : `/api/sync/pull?cursor=${encodeURIComponent(cursor)}`;
    const response = await this.http.get(url);
    if (response.statusCode !== 200) {
      throw new Error(`pull failed: ${response.statusCode} ${response.body}`);
    }
    return response.json();
  }

  /** Every page from the cursor (a bootstrap without one) until `more` is false. */
  async pullAll(cursor?: string): Promise<{ changes: Change[]; cursor: string; pages: number }> {
    const changes: Change[] = [];
    let next = cursor;
    for (let pages = 1; ; pages++) {
      const page = await this.pull(next);
      changes.push(...page.changes);
      next = page.cursor;
      if (!page.more) return { changes, cursor: next, pages };
    }
  }
}

export function taskArgs(
  overrides: Partial<MutationArgs['task.create']> = {},
): MutationArgs['task.create'] {
  return {
    id: randomUUID(),
    type: 'manual',
    channel: 'internal',
    title: 'Call the customer back',
    description: '',
    customerName: 'Emma Jensen',
    customerPhone: null,
    customerEmail: null,
    contactId: null,
    priority: 3,
    skills: [],
    dueAt: null,
    assigneeId: null,
    ...overrides,
  };
}

export function puts<K extends Change['kind']>(changes: readonly Change[], kind: K) {
  return changes.flatMap((c) =>
    c.kind === kind && c.op === 'put'
      ? [c.value as Extract<Change, { kind: K; op: 'put' }>['value']]
      : [],
  );
}

export function deletes(changes: readonly Change[], kind: Change['kind']): string[] {
  return changes.flatMap((c) => (c.kind === kind && c.op === 'delete' ? [c.id] : []));
}
