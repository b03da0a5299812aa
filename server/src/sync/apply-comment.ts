import {
  findCommentAnywhere,
  insertComments,
  insertLogItems,
  linkAttachments,
  listMembers,
  listAttachmentMeta,
  lockTask,
  updateTask,
} from '../db/index.js';
import { everyone, ok, reject, UUID, type ApplyContext, type Outcome } from './apply-context.js';
import { logItem } from './apply-task.js';
import type { IncomingArgs } from './incoming.js';
import { mentionedIn } from './mentions.js';
import type { AttachmentRef } from './protocol.js';

export const COMMENT_BODY_MAX = 10_000;
export const COMMENT_ATTACHMENTS_MAX = 10;

/** comment.add is append-only; a replay with the same comment id changes nothing. */
export async function commentAdd(
  ctx: ApplyContext,
  a: IncomingArgs['comment.add'],
): Promise<Outcome> {
  const touched = [
    { kind: 'comment' as const, id: a.id },
    { kind: 'task' as const, id: a.taskId },
  ];
  const invalid = (message: string) => reject('invalid', message, touched);
  if (!UUID.test(a.id)) return invalid('The comment id must be a UUID.');
  if (a.body.length > COMMENT_BODY_MAX) {
    return invalid('A comment can have at most 10,000 characters.');
  }
  if (a.attachments.length > COMMENT_ATTACHMENTS_MAX) {
    return invalid(`A comment can have at most ${COMMENT_ATTACHMENTS_MAX} attachments.`);
  }
  if (a.body.trim() === '' && a.attachments.length === 0) {
    return invalid('A comment needs some text or an attachment.');
  }

  const { instanceId, userId } = ctx.actor;
  const existing = await findCommentAnywhere(ctx.tx, a.id);
  if (existing) {
    const same =
      existing.instance_id === instanceId &&
      existing.author_id === userId &&
      existing.task_id === a.taskId;
    return same ? ok() : reject('conflict', 'A comment with this id exists already.', touched);
  }
  const task = await lockTask(ctx.tx, instanceId, a.taskId);
  if (!task) return reject('not_found', 'This task no longer exists.', touched);

  const ids = [...new Set(a.attachments.map((x) => x.id))];
  const stored = new Map((await listAttachmentMeta(ctx.tx, instanceId, ids)).map((m) => [m.id, m]));
  const missing = a.attachments.find((x) => !stored.has(x.id));
  if (missing) {
    return reject(
      'attachment_missing',
      `The attachment "${missing.name}" was not uploaded; attach it again.`,
      touched,
    );
  }
  // What the server holds, not what the client claims, describes each attachment.
  const refs: AttachmentRef[] = ids.flatMap((id) => {
    const meta = stored.get(id);
    return meta ? [{ id, name: meta.name, size: Number(meta.size), type: meta.type }] : [];
  });
  await insertComments(ctx.tx, [
    {
      id: a.id,
      instance_id: instanceId,
      task_id: task.id,
      author_id: userId,
      body: a.body,
      attachments: JSON.stringify(refs),
      created_at: ctx.now,
    },
  ]);
  await linkAttachments(ctx.tx, instanceId, ids, task.id);
  await updateTask(ctx.tx, instanceId, task.id, {}, ctx.now);
  // Mentioned colleagues (not the author) are listed on the log item: their Mentions list shows it.
  const members = a.body.includes('@')
    ? (await listMembers(ctx.tx, instanceId)).filter((m) => m.userId !== userId)
    : [];
  const mentions = mentionedIn(a.body, members);
  const data = mentions.length > 0 ? { commentId: a.id, mentions } : { commentId: a.id };
  const log = logItem(ctx, task.id, 'comment', data);
  await insertLogItems(ctx.tx, [log.row]);
  return ok([everyone('comment', a.id), everyone('task', task.id), log.change]);
}
