// "@Bob" or "@Bob Brown" in a comment mentions that member (first name or full name, any case):
// the comment's log item lists them, and their Mentions list shows it. An "@" inside a word (an
// email address) is not a mention.
export interface Named {
  userId: string;
  name: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function mentionedIn(body: string, members: readonly Named[]): string[] {
  const found: string[] = [];
  for (const member of members) {
    const full = member.name.trim();
    const first = full.split(/\s+/)[0] ?? '';
    const names = [...new Set([full, first])].filter((n) => n.length > 0).map(escape);
    if (names.length === 0) continue;
    const pattern = new RegExp(
      `(^|[^\\p{L}\\p{N}_@.])@(${names.join('|')})(?![\\p{L}\\p{N}_])`,
      'iu',
    );
    if (pattern.test(body)) found.push(member.userId);
  }
  return found;
}
