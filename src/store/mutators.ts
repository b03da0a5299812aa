// The optimistic local effect of each mutation. They run when the user acts (mutate.ts) and again
// after every pull on top of the server's rows (rebase.ts), so each must be deterministic given
// (args, ctx) and safe to run twice.
import type { MutationArgs, MutationName, SyncTask } from '../domain';
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

export const mutators: { [N in MutationName]: Mutator<N> } = {
  'task.create': async (db, args, { userId, now }) => {
    await db.tasks.put(
      toStoredTask({
        ...args,
        status: 'open',
        offeredToId: null,
        createdById: userId,
        createdAt: now,
        updatedAt: now,
      }),
    );
  },
  'task.setStatus': (db, { taskId, status }, { now }) =>
    updateTask(db, taskId, () => ({ status }), now),
  'task.assign': (db, { taskId, assigneeId }, { now }) =>
    updateTask(db, taskId, () => ({ assigneeId, offeredToId: null }), now),
  'task.offer': (db, { taskId, toUserId }, { now }) =>
    updateTask(db, taskId, () => ({ offeredToId: toUserId }), now),
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
