import { randomUUID } from 'node:crypto';
import { RecordingPoker } from '../test-support/recording-poker.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertComments } from '../db/index.js';
import { createTestApp, type TestApp, type TestClient } from '../test-support/test-app.js';
import { SyncTestClient, taskArgs } from '../test-support/sync.js';
import type { Actor, ApplyContext } from './apply-context.js';
import { applyMutation } from './appliers.js';
import type { IncomingMutation } from './incoming.js';
import { push, type PushDeps } from './push.js';

// One push is one transaction with a savepoint per mutation: what commits when a mutation throws
// (a bug, a database error) halfway through, and that the client's retry applies each once.
let t: TestApp;
let alice: TestClient;
let actor: Actor;

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  alice = t.client();
  const me = await alice.signIn('alice@demo.test');
  const instance = me.currentInstance;
  if (!instance) throw new Error('alice should be in Demo');
  actor = { instanceId: instance.id, userId: me.user.id, role: 'agent' };
});
afterAll(async () => {
  await t.close();
});

type Apply = NonNullable<PushDeps['apply']>;

function deps(apply: Apply, poker = new RecordingPoker()): PushDeps {
  return { db: t.db, clock: t.clock.now, poker, apply };
}

/** A task made through the route, and `count` comments on it from a new client (not sent). */
async function comments(count: number) {
  const setup = new SyncTestClient(alice);
  const taskId = taskArgs().id;
  await setup.do('task.create', taskArgs({ id: taskId }));
  const client = new SyncTestClient(alice);
  const mutations = Array.from({ length: count }, (_, i) =>
    client.next('comment.add', {
      id: randomUUID(),
      taskId,
      body: `note ${i + 1}`,
      attachments: [],
    }),
  );
  return { client, taskId, mutations, incoming: mutations as IncomingMutation[] };
}

/** Applies the mutation as usual, then runs `then` in its transaction (a failure after writes). */
function failingAt(seq: number, then: (ctx: ApplyContext) => Promise<void>): Apply {
  return async (ctx, mutation) => {
    const outcome = await applyMutation(ctx, mutation);
    if (mutation.seq === seq) await then(ctx);
    return outcome;
  };
}

async function stored(clientId: string, taskId: string) {
  const comments = await t.db
    .selectFrom('comments')
    .select('body')
    .where('task_id', '=', taskId)
    .orderBy('created_at')
    .orderBy('body')
    .execute();
  const logged = await t.db
    .selectFrom('log_items')
    .select('id')
    .where('task_id', '=', taskId)
    .where('kind', '=', 'comment')
    .execute();
  const client = await t.db
    .selectFrom('sync_clients')
    .select('last_seq')
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
  const results = await t.db
    .selectFrom('sync_results')
    .select('seq')
    .where('client_id', '=', clientId)
    .orderBy('seq')
    .execute();
  const changed = await t.db
    .selectFrom('sync_changes')
    .select('entity_id')
    .where('kind', '=', 'comment')
    .execute();
  return {
    bodies: comments.map((c) => c.body),
    logged: logged.length,
    lastSeq: Number(client.last_seq),
    resultSeqs: results.map((r) => Number(r.seq)),
    changedComments: new Set(changed.map((c) => c.entity_id)),
  };
}

describe('a mutation that throws mid-push', () => {
  it('keeps the ones before it, undoes its own writes, and the retry applies each once', async () => {
    const { client, taskId, mutations, incoming } = await comments(5);
    const poker = new RecordingPoker();
    const boom = failingAt(3, async () => {
      throw new Error('a bug in an applier');
    });
    await expect(push(deps(boom, poker), actor, client.clientId, incoming)).rejects.toThrow(
      'a bug in an applier',
    );

    const after = await stored(client.clientId, taskId);
    expect(after.bodies).toEqual(['note 1', 'note 2']);
    expect(after.logged).toBe(2);
    expect(after.lastSeq).toBe(2);
    expect(after.resultSeqs).toEqual([1, 2]);
    const ids = mutations.map((m) => m.args.id);
    expect(ids.map((id) => after.changedComments.has(id))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    // Those two are committed, so their watchers hear of them.
    expect(poker.pokes).toEqual([{ instanceId: actor.instanceId, audience: 'instance' }]);

    // The client still holds all five and pushes them again, through the real route.
    const retry = await client.send(mutations);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().results).toEqual(mutations.map((m) => ({ seq: m.seq, status: 'ok' })));
    const done = await stored(client.clientId, taskId);
    expect(done.bodies).toEqual(['note 1', 'note 2', 'note 3', 'note 4', 'note 5']);
    expect(done.logged).toBe(5);
    expect(done.lastSeq).toBe(5);
    expect(done.resultSeqs).toEqual([1, 2, 3, 4, 5]);
  });

  it('a database error (a duplicate key) is rolled back to its savepoint; the rest commits', async () => {
    const { client, taskId, mutations, incoming } = await comments(3);
    // PostgreSQL refuses every statement after an error until ROLLBACK TO SAVEPOINT.
    const duplicate = failingAt(2, async (ctx) => {
      const row = await ctx.tx
        .selectFrom('comments')
        .selectAll()
        .where('id', '=', mutations[1]?.args.id ?? '')
        .executeTakeFirstOrThrow();
      await insertComments(ctx.tx, [row]);
    });
    await expect(push(deps(duplicate), actor, client.clientId, incoming)).rejects.toThrow();
    const after = await stored(client.clientId, taskId);
    expect(after.bodies).toEqual(['note 1']);
    expect(after.lastSeq).toBe(1);
    expect(after.resultSeqs).toEqual([1]);

    const retry = await client.send(mutations.slice(1));
    expect(retry.json().results).toEqual([
      { seq: 2, status: 'ok' },
      { seq: 3, status: 'ok' },
    ]);
    expect((await stored(client.clientId, taskId)).bodies).toEqual(['note 1', 'note 2', 'note 3']);
  });

  it('a throw at the first mutation commits nothing', async () => {
    const { client, taskId, incoming } = await comments(2);
    const poker = new RecordingPoker();
    const boom = failingAt(1, async () => {
      throw new Error('first');
    });
    await expect(push(deps(boom, poker), actor, client.clientId, incoming)).rejects.toThrow(
      'first',
    );
    const after = await stored(client.clientId, taskId);
    expect(after.bodies).toEqual([]);
    expect(after.lastSeq).toBe(0);
    expect(after.resultSeqs).toEqual([]);
    expect(poker.pokes).toEqual([]);
  });

  it('a deadlock commits the ones before it and goes on in a new transaction', async () => {
    const { client, taskId, incoming } = await comments(4);
    let deadlocks = 0;
    const deadlockOnce = failingAt(3, async () => {
      if (deadlocks++ > 0) return;
      throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    });
    const poker = new RecordingPoker();
    const results = await push(deps(deadlockOnce, poker), actor, client.clientId, incoming);
    expect(results).toEqual(incoming.map((m) => ({ seq: m.seq, status: 'ok' })));
    expect(deadlocks).toBe(2);
    expect(poker.pokes).toHaveLength(2);
    const after = await stored(client.clientId, taskId);
    expect(after.bodies).toEqual(['note 1', 'note 2', 'note 3', 'note 4']);
    expect(after.logged).toBe(4);
    expect(after.resultSeqs).toEqual([1, 2, 3, 4]);
  });
});
