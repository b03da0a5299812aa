// Which names a saved filter may take: the rules the server applies (server/src/sync/
// apply-filter.ts), checked here first so the user hears at once, offline too, and nothing is queued that would be refused.
import type { SyncFilter } from '../../domain';

export const filterNameMax = 100;

export type NameProblem = 'required' | 'tooLong' | 'taken' | 'takenShared';

/** Names compare trimmed and without case: "Urgent" and "urgent " are one name to a person. */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/**
 * A clash is a name of one's own filters, or, for a shared filter, of another filter shared in
 * the instance (the shared list is everyone's, so its names must tell them apart; a private
 * filter may share a colleague's shared filter's name, told apart on screen by its badge).
 * `editingId` is the filter being renamed: its own name is no clash.
 */
export function filterNameProblem(
  name: string,
  shared: boolean,
  filters: readonly SyncFilter[],
  myId: string | undefined,
  editingId?: string,
): NameProblem | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'required';
  if (trimmed.length > filterNameMax) return 'tooLong';
  const others = filters.filter((f) => f.id !== editingId && sameName(f.name, trimmed));
  if (others.some((f) => f.ownerId === myId)) return 'taken';
  if (shared && others.some((f) => f.shared)) return 'takenShared';
  return null;
}
