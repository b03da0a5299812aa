// What the agent is typing in a task's comment box, kept in localStorage so a reload, a crash or
// a closed tab never loses it; cleared when the comment is added.
const key = (taskId: string) => `sb.draft.comment.${taskId}`;

export function readDraft(taskId: string): string {
  try {
    return localStorage.getItem(key(taskId)) ?? '';
  } catch {
    return '';
  }
}

export function writeDraft(taskId: string, text: string): void {
  try {
    if (text === '') localStorage.removeItem(key(taskId));
    else localStorage.setItem(key(taskId), text);
  } catch {
    // Storage full or blocked: the text stays in the box, only reload-safety is lost.
  }
}
