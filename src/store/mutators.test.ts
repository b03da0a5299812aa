import { describe, expect, it } from 'vitest';
import { readOffers } from './offers';
import { applyMutator } from './mutators';
import { toStoredTask } from './stored';
import { openTestDb, task } from './testing/fixtures';

// The optimistic effects of issue 5's mutations: what the screen shows before the server answers
// (the next pull replaces it with the server's row). Each must be safe to run twice (rebase).
const at = '2025-03-01T08:00:00.000Z';
const alice = { userId: 'alice', now: at };
const bob = { userId: 'bob', now: '2025-03-01T08:01:00.000Z' };

async function seeded(overrides: Parameters<typeof task>[0]) {
  const { db } = openTestDb();
  await db.tasks.put(toStoredTask(task({ updatedAt: at, ...overrides })));
  return db;
}

describe('task mutators', () => {
  it('an offer waits for the colleague until the default expiry, and shows in both Offers lists', async () => {
    const db = await seeded({ id: 't1', assigneeId: 'alice' });
    await applyMutator(db, 'task.offer', { taskId: 't1', toUserId: 'bob' }, alice);
    await applyMutator(db, 'task.offer', { taskId: 't1', toUserId: 'bob' }, alice);
    expect(await db.tasks.get('t1')).toMatchObject({
      assigneeId: 'alice',
      offeredToId: 'bob',
      offeredById: 'alice',
      offerExpiresAt: '2025-03-01T08:10:00.000Z',
      offerReturn: null,
    });
    const now = Date.parse(at) + 60_000;
    expect((await readOffers(db, 'bob', now)).map((t) => t.id)).toEqual(['t1']);
    expect((await readOffers(db, 'alice', now)).map((t) => t.id)).toEqual(['t1']);
    expect(await readOffers(db, 'carol', now)).toEqual([]);
    // A day later it is out of the list's window.
    expect(await readOffers(db, 'bob', Date.parse(at) + 25 * 3600_000)).toEqual([]);
  });

  it('accepting makes it mine and clears the offer', async () => {
    const db = await seeded({ id: 't1', assigneeId: 'alice' });
    await applyMutator(db, 'task.offer', { taskId: 't1', toUserId: 'bob' }, alice);
    await applyMutator(db, 'task.acceptOffer', { taskId: 't1' }, bob);
    expect(await db.tasks.get('t1')).toMatchObject({
      assigneeId: 'bob',
      offeredToId: null,
      offeredById: null,
      offerExpiresAt: null,
      assigneeKey: 'bob',
    });
  });

  it('declining gives an unassigned task back to the offerer with the reason', async () => {
    const db = await seeded({ id: 't1', assigneeId: null });
    await applyMutator(db, 'task.offer', { taskId: 't1', toUserId: 'bob' }, alice);
    const decline = { taskId: 't1', reason: '  On leave  ' };
    await applyMutator(db, 'task.declineOffer', decline, bob);
    await applyMutator(db, 'task.declineOffer', decline, bob);
    expect(await db.tasks.get('t1')).toMatchObject({
      assigneeId: 'alice',
      offeredToId: null,
      offeredById: 'alice',
      offerReturn: { kind: 'declined', byId: 'bob', reason: 'On leave', at: bob.now },
    });
  });

  it('resolving keeps a valid outcome tag, ends an offer; reopening clears the tag', async () => {
    const db = await seeded({ id: 't1', assigneeId: 'alice' });
    await applyMutator(db, 'task.offer', { taskId: 't1', toUserId: 'bob' }, alice);
    const resolve = { taskId: 't1', status: 'resolved' as const, outcomeTag: 'Refund' };
    await applyMutator(db, 'task.setStatus', resolve, alice);
    expect(await db.tasks.get('t1')).toMatchObject({
      status: 'resolved',
      outcomeTag: '#refund',
      offeredToId: null,
    });
    await applyMutator(db, 'task.setStatus', { taskId: 't1', status: 'open' }, alice);
    expect(await db.tasks.get('t1')).toMatchObject({ status: 'open', outcomeTag: null });
  });

  it('a follow-up is created linked to its task', async () => {
    const { db } = openTestDb();
    await applyMutator(
      db,
      'task.create',
      {
        id: 't2',
        type: 'manual',
        channel: 'internal',
        title: 'Check again',
        description: '',
        customerName: 'Anna Berg',
        customerPhone: null,
        customerEmail: null,
        contactId: null,
        priority: 3,
        skills: [],
        dueAt: null,
        assigneeId: 'alice',
        followUpOfId: 't1',
      },
      alice,
    );
    expect(await db.tasks.get('t2')).toMatchObject({ followUpOfId: 't1', offeredById: null });
  });
});
