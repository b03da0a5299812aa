// A user's change: its optimistic effect, its outbox row (with the next seq) and any attachment
// bytes are written in ONE transaction, so a crash or a throwing effect leaves all or nothing.
import type { AttachmentRef, Mutation, MutationArgs, MutationName } from '../domain';
import { allTables, type SyncDb } from './db';
import { getMeta, setMeta } from './meta';
import { applyMutator } from './mutators';

export interface AttachmentUpload {
  ref: AttachmentRef;
  blob: Blob;
}

export interface MutateOptions {
  /** Bytes to upload before the mutation is pushed (comment.add). */
  attachments?: AttachmentUpload[];
}

export interface MutateContext {
  userId: string;
  now?: () => Date;
}

export async function writeMutation<N extends MutationName>(
  db: SyncDb,
  ctx: MutateContext,
  name: N,
  args: MutationArgs[N],
  options: MutateOptions = {},
): Promise<Mutation> {
  const createdAt = (ctx.now?.() ?? new Date()).toISOString();
  return db.transaction('rw', allTables(db), async () => {
    // Read and bumped inside the transaction: IndexedDB serialises rw transactions on `meta`, so
    // two tabs (or a tab and the service worker) never hand out the same seq.
    const seq = (await getMeta(db, 'nextSeq')) ?? 1;
    await setMeta(db, 'nextSeq', seq + 1);
    const mutation = { id: crypto.randomUUID(), seq, name, args, createdAt } as Mutation;
    await applyMutator(db, name, args, { userId: ctx.userId, now: createdAt });
    await db.outbox.add(mutation);
    const taskId = 'taskId' in args && typeof args.taskId === 'string' ? args.taskId : '';
    for (const { ref, blob } of options.attachments ?? []) {
      await db.attachments.put({ ...ref, taskId, blob });
    }
    return mutation;
  });
}
