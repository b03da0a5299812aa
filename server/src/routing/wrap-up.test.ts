import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { updateInstanceSettings } from '../db/index.js';
import type { AgentStatus, MutationArgs } from '../sync/protocol.js';
import { RecordingPoker } from '../test-support/recording-poker.js';
import { SyncTestClient } from '../test-support/sync.js';
import { createTestApp, type TestApp } from '../test-support/test-app.js';
import { sweepWrapUps } from './wrap-up.js';

// Wrap-up on a real database: an answered call puts a Ready agent in wrap-up (no work reaches
// them); resolving a task or the instance's wrap-up time running out makes them Ready again; an
// agent who chose Busy keeps it; an instance without wrap-up never uses it.
let t: TestApp;
let alice: SyncTestClient;
let aliceId: string;
let demoId: string;

beforeAll(async () => {
  t = await createTestApp({ seed: true });
  const http = t.client();
  const me = await http.signIn('alice@demo.test');
  aliceId = me.user.id;
  demoId = me.currentInstance?.id ?? '';
  alice = new SyncTestClient(http);
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await updateInstanceSettings(t.db, demoId, { wrapUpSeconds: 60 });
});

async function setStatus(status: AgentStatus) {
  t.clock.advance(1000);
  const at = t.clock.now().toISOString();
  expect(await alice.do('agentStatus.set', { status, at })).toMatchObject({ status: 'ok' });
}

async function answeredCall(): Promise<string> {
  t.clock.advance(1000);
  const args: MutationArgs['call.record'] = {
    id: randomUUID(),
    direction: 'inbound',
    peer: '+49 30 1234 5678',
    peerName: null,
    startedAt: t.clock.now().toISOString(),
    answeredAt: t.clock.now().toISOString(),
    endedAt: t.clock.now().toISOString(),
    outcome: 'answered',
    taskId: null,
  };
  expect(await alice.do('call.record', args)).toMatchObject({ status: 'ok' });
  const row = await t.db
    .selectFrom('call_history')
    .select('task_id')
    .where('id', '=', args.id)
    .executeTakeFirstOrThrow();
  return row.task_id ?? '';
}

async function status() {
  const row = await t.db
    .selectFrom('agent_statuses')
    .select(['status', 'since'])
    .where('instance_id', '=', demoId)
    .where('user_id', '=', aliceId)
    .executeTakeFirstOrThrow();
  return row.status;
}

describe('wrap-up', () => {
  it('follows an answered call and ends when the agent resolves the task', async () => {
    await setStatus('ready');
    const taskId = await answeredCall();
    expect(await status()).toBe('wrap_up');
    t.clock.advance(5000);
    const resolved = await alice.do('task.setStatus', { taskId, status: 'resolved' });
    expect(resolved).toMatchObject({ status: 'ok' });
    expect(await status()).toBe('ready');
  });

  it('ends by itself when the wrap-up time runs out, not before', async () => {
    await setStatus('ready');
    await answeredCall();
    const deps = { db: t.db, clock: t.clock.now, poker: new RecordingPoker() };
    t.clock.advance(58_000);
    expect(await sweepWrapUps(deps)).toBe(0);
    expect(await status()).toBe('wrap_up');
    t.clock.advance(3_000);
    expect(await sweepWrapUps(deps)).toBe(1);
    expect(await status()).toBe('ready');
    expect(deps.poker.pokes).toEqual([{ instanceId: demoId, audience: 'instance' }]);
  });

  it('leaves a Busy agent Busy, and an instance without wrap-up never uses it', async () => {
    await setStatus('busy');
    await answeredCall();
    expect(await status()).toBe('busy');
    await updateInstanceSettings(t.db, demoId, { wrapUpSeconds: 0 });
    await setStatus('ready');
    await answeredCall();
    expect(await status()).toBe('ready');
  });

  it('a missed call is no reason to wrap up', async () => {
    await setStatus('ready');
    t.clock.advance(1000);
    const at = t.clock.now().toISOString();
    const missed = await alice.do('call.record', {
      id: randomUUID(),
      direction: 'inbound',
      peer: '+49 30 1234 5678',
      peerName: null,
      startedAt: at,
      answeredAt: null,
      endedAt: at,
      outcome: 'missed',
      taskId: null,
    });
    expect(missed).toMatchObject({ status: 'ok' });
    expect(await status()).toBe('ready');
  });
});
