// The optimistic local effect of each mutation. They run when the user acts (mutate.ts) and again
// after every pull on top of the server's rows (rebase.ts), so each must be deterministic given
// (args, ctx) and safe to run twice.
import {
  DEFAULT_OFFER_TTL_SECONDS,
  normalizeOutcomeTag,
  offerExpiry,
  type MutationArgs,
  type MutationName,
  type SyncTask,
} from '../domain';
import type { SyncDb } from './db';
import { toStoredTask } from './stored';

export interface MutatorContext {
  userId: string;
  /** The mutation's createdAt: a rebase replays it with the same time. */
  now: string;
}

type Mutator<N extends MutationName> = (
  db: SyncDb,
  args: MutationArgs[N],
  ctx: MutatorContext,
) => Promise<void>;

async function updateTask(
  db: SyncDb,
  taskId: string,
  change: (task: SyncTask) => Partial<SyncTask>,
  now: string,
): Promise<void> {
  const task = await db.tasks.get(taskId);
  // Not cached here (e.g. not part of the bootstrap): nothing to show, the server decides.
  if (!task) return;
  await db.tasks.put(toStoredTask({ ...task, ...change(task), updatedAt: now }));
}

/** What a claim leaves of an offer: nothing. */
const noOffer = {
  offeredToId: null,
  offeredById: null,
  offerExpiresAt: null,
  offerReturn: null,
} as const satisfies Partial<SyncTask>;

export const mutators: { [N in MutationName]: Mutator<N> } = {
  'task.create': async (db, args, { userId, now }) => {
    await db.tasks.put(
      toStoredTask({
        ...args,
        status: 'open',
        offeredToId: null,
        offeredById: null,
        offerExpiresAt: null,
        offerReturn: null,
        outcomeTag: null,
        followUpOfId: args.followUpOfId ?? null,
        createdById: userId,
        createdAt: now,
        updatedAt: now,
      }),
    );
  },
  'task.setStatus': (db, { taskId, status, outcomeTag }, { now }) =>
    updateTask(
      db,
      taskId,
      (): Partial<SyncTask> => {
        if (status !== 'resolved') return { status, outcomeTag: null };
        const tag = normalizeOutcomeTag(outcomeTag ?? '');
        // A resolved task waits for nobody's answer (the server ends the offer too).
        return {
          status,
          outcomeTag: tag.ok ? tag.tag : null,
          offeredToId: null,
          offerExpiresAt: null,
        };
      },
      now,
    ),
  'task.assign': (db, { taskId, assigneeId }, { now }) =>
    updateTask(db, taskId, () => ({ assigneeId, ...noOffer }), now),
  // The server's expiry (the instance's setting) replaces this guess on the next pull.
  'task.offer': (db, { taskId, toUserId }, { userId, now }) =>
    updateTask(
      db,
      taskId,
      () => ({
        offeredToId: toUserId,
        offeredById: userId,
        offerExpiresAt: offerExpiry(Date.parse(now), DEFAULT_OFFER_TTL_SECONDS),
        offerReturn: null,
      }),
      now,
    ),
  'task.acceptOffer': (db, { taskId }, { userId, now }) =>
    updateTask(db, taskId, () => ({ assigneeId: userId, ...noOffer }), now),
  'task.declineOffer': (db, { taskId, reason }, { userId, now }) =>
    updateTask(
      db,
      taskId,
      (task) => ({
        // Back to the offerer when nobody had it, as the server does.
        assigneeId: task.assigneeId ?? task.offeredById ?? null,
        offeredToId: null,
        offerExpiresAt: null,
        offerReturn: { kind: 'declined', byId: userId, reason: reason.trim(), at: now },
      }),
      now,
    ),
  'comment.add': async (db, { id, taskId, body, attachments }, { userId, now }) => {
    await db.comments.put({ id, taskId, authorId: userId, body, attachments, createdAt: now });
  },
  'agentStatus.set': async (db, { status, at }, { userId }) => {
    const current = await db.agentStatuses.get(userId);
    // The same rule as the server: an older choice never overwrites a newer one.
    if (current && current.since > at) return;
    await db.agentStatuses.put({ userId, status, since: at });
  },
  'filter.save': async (db, { id, name, shared, query }, { userId, now }) => {
    const existing = await db.filters.get(id);
    await db.filters.put({
      id,
      ownerId: existing?.ownerId ?? userId,
      name,
      shared,
      query,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
  },
  'filter.delete': async (db, { id }) => {
    await db.filters.delete(id);
  },
  'call.record': async (db, args, { userId }) => {
    await db.calls.put({ ...args, userId });
  },
};

export function applyMutator<N extends MutationName>(
  db: SyncDb,
  name: N,
  args: MutationArgs[N],
  ctx: MutatorContext,
): Promise<void> {
  return (mutators[name] as Mutator<N>)(db, args, ctx);
}
