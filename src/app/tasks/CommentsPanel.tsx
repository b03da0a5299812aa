// Internal comments of a task (never shown to the customer), oldest first like a conversation,
// and the box to add one with attachments. Text is rendered as text, never as HTML. A comment
// still in the outbox says so; its files upload when the network is back.
import { createEffect, createMemo, createSignal, For, on, Show, type JSX } from 'solid-js';
import { attachmentMaxBytes, type AttachmentRef } from '../../domain';
import { t } from '../../i18n';
import { Icon } from '../../ui';
import { createLive } from '../data/live';
import { currentStore, withStore } from '../data/store';
import { readDraft, writeDraft } from './comment-draft';
import { formatBytes, formatDateTime } from './format';

interface Picked {
  ref: AttachmentRef;
  blob: Blob;
}

export function CommentsPanel(props: { taskId: string; names: Map<string, string> }): JSX.Element {
  const comments = createLive(() => currentStore()?.queries.commentsOf(props.taskId), []);
  const pending = createLive(() => currentStore()?.queries.pendingList(), []);
  const pendingIds = createMemo(
    () => new Set(pending().flatMap((m) => (m.name === 'comment.add' ? [m.args.id] : []))),
  );

  const [body, setBody] = createSignal('');
  const [files, setFiles] = createSignal<Picked[]>([]);
  const [error, setError] = createSignal<string | null>(null);
  // Another task opened in the same panel: its own draft, no files carried over.
  createEffect(
    on(
      () => props.taskId,
      (taskId) => {
        setBody(readDraft(taskId));
        setFiles([]);
        setError(null);
      },
    ),
  );
  let fileInput: HTMLInputElement | undefined;

  function pick(list: FileList | null) {
    setError(null);
    const next = [...files()];
    for (const file of Array.from(list ?? [])) {
      if (file.size > attachmentMaxBytes) {
        setError(
          t('tasks.detail.tooLarge', { name: file.name, limit: formatBytes(attachmentMaxBytes) }),
        );
        continue;
      }
      next.push({
        ref: {
          id: crypto.randomUUID(),
          name: file.name,
          size: file.size,
          type: file.type || 'application/octet-stream',
        },
        blob: file,
      });
    }
    setFiles(next);
    if (fileInput) fileInput.value = '';
  }

  async function add(event: SubmitEvent) {
    event.preventDefault();
    const taskId = props.taskId;
    const text = body().trim();
    const picked = files();
    if (!text && picked.length === 0) {
      setError(t('tasks.detail.commentEmpty'));
      return;
    }
    const args = {
      id: crypto.randomUUID(),
      taskId,
      body: text,
      attachments: picked.map((p) => p.ref),
    };
    await withStore((store) => store.mutate('comment.add', args, { attachments: picked }));
    setBody('');
    writeDraft(taskId, '');
    setFiles([]);
  }

  return (
    <div class="comments">
      <Show
        when={comments().length > 0}
        fallback={
          <p class="muted">
            {comments.ready() ? t('tasks.detail.noComments') : t('tasks.detail.loadingItems')}
          </p>
        }
      >
        <ol class="comment-list">
          <For each={comments()}>
            {(comment) => (
              <li class="comment">
                <div class="comment-meta">
                  <strong>{props.names.get(comment.authorId) ?? t('tasks.log.someone')}</strong>
                  <time class="muted" datetime={comment.createdAt}>
                    {formatDateTime(comment.createdAt)}
                  </time>
                  <Show when={pendingIds().has(comment.id)}>
                    <span class="badge badge-pending-sync">{t('tasks.detail.pendingBadge')}</span>
                  </Show>
                </div>
                <Show when={comment.body}>
                  <p class="comment-body">{comment.body}</p>
                </Show>
                <Show when={comment.attachments.length > 0}>
                  <ul class="attachment-list">
                    <For each={comment.attachments}>
                      {(file) => (
                        <li>
                          <Icon name="attach" />
                          <Show
                            when={!pendingIds().has(comment.id)}
                            fallback={<span>{file.name}</span>}
                          >
                            <a
                              href={`/api/attachments/${encodeURIComponent(file.id)}`}
                              download={file.name}
                              aria-label={t('tasks.detail.download', { name: file.name })}
                            >
                              {file.name}
                            </a>
                          </Show>
                          <span class="muted"> {formatBytes(file.size)}</span>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>

      <form class="comment-form" onSubmit={(e) => void add(e)} novalidate>
        <label class="field-label" for="comment-box">
          {t('tasks.detail.comment')}
        </label>
        <textarea
          id="comment-box"
          class="input comment-box"
          rows={3}
          maxLength={10000}
          value={body()}
          aria-describedby={error() ? 'comment-error' : undefined}
          onInput={(e) => {
            setBody(e.currentTarget.value);
            writeDraft(props.taskId, e.currentTarget.value);
            setError(null);
          }}
        />
        <Show when={files().length > 0}>
          <ul class="attachment-list">
            <For each={files()}>
              {(file) => (
                <li>
                  <Icon name="attach" />
                  {file.ref.name} <span class="muted">{formatBytes(file.ref.size)}</span>
                  <button
                    type="button"
                    class="btn btn-ghost btn-icon"
                    aria-label={t('tasks.detail.removeAttachment', { name: file.ref.name })}
                    onClick={() => setFiles(files().filter((f) => f !== file))}
                  >
                    <Icon name="close" />
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={error()}>
          <p id="comment-error" class="field-error" role="alert">
            {error()}
          </p>
        </Show>
        <div class="comment-actions">
          <label class="btn btn-ghost file-button">
            <Icon name="attach" />
            {t('tasks.detail.attach')}
            <input
              ref={fileInput}
              type="file"
              multiple
              class="visually-hidden"
              onChange={(e) => pick(e.currentTarget.files)}
            />
          </label>
          <button type="submit" class="btn btn-primary">
            {t('tasks.detail.addComment')}
          </button>
        </div>
      </form>
    </div>
  );
}
