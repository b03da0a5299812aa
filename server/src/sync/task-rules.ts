// The rules of a task's status and offers: a copy of src/domain/task-rules.ts (the PWA's), which
// task-rules.test.ts runs side by side with this one so the two cannot drift apart.
// Times are passed in (`now`), so tests run them on any clock.

type Status = 'open' | 'pending' | 'resolved';

/**
 * Which status changes are allowed: any status to a different one (reopening a resolved task is
 * resolved → open or pending). Setting the status a task has is no change, and no log item.
 * Issue 6's wrap-up states will narrow this table.
 */
const transitions: Readonly<Record<Status, readonly Status[]>> = {
  open: ['pending', 'resolved'],
  pending: ['open', 'resolved'],
  resolved: ['open', 'pending'],
};

export function canTransition(from: Status, to: Status): boolean {
  return transitions[from].includes(to);
}

export const OUTCOME_TAG_MAX = 50;
export const DECLINE_REASON_MAX = 500;
/** Offers wait this long unless the instance says otherwise. */
export const DEFAULT_OFFER_TTL_SECONDS = 600;

export type TagCheck = { ok: true; tag: string } | { ok: false; message: string };

/**
 * An outcome tag is one hashtag: "#refund", "#sold-upgrade". "refund" is taken as "#refund";
 * letters are lower-cased so the same outcome is counted once.
 */
export function normalizeOutcomeTag(text: string): TagCheck {
  const trimmed = text.trim().replace(/^#/, '').toLowerCase();
  if (trimmed === '') return { ok: false, message: 'Give an outcome tag, for example #refund.' };
  if (trimmed.length > OUTCOME_TAG_MAX) {
    return { ok: false, message: `An outcome tag can have at most ${OUTCOME_TAG_MAX} characters.` };
  }
  if (!/^[\p{L}\p{N}_-]+$/u.test(trimmed)) {
    return {
      ok: false,
      message: 'An outcome tag is one word: letters, digits, - and _ (for example #refund).',
    };
  }
  return { ok: true, tag: `#${trimmed}` };
}

/** The required skills the colleague lacks, in the task's order. */
export function missingSkills(required: readonly string[], has: readonly string[]): string[] {
  const own = new Set(has);
  return required.filter((skill) => !own.has(skill));
}

export interface OfferFields {
  offeredToId: string | null;
  offerExpiresAt?: string | null;
}

/** An offer waits for an answer until its time is over (the server's sweeper then ends it). */
export function offerIsLive(task: OfferFields, now: number): boolean {
  if (task.offeredToId === null || !task.offerExpiresAt) return false;
  return Date.parse(task.offerExpiresAt) > now;
}

export function offerExpiry(now: number, ttlSeconds: number): string {
  return new Date(now + ttlSeconds * 1000).toISOString();
}

export type ReasonCheck = { ok: true; reason: string } | { ok: false; message: string };

/** A colleague's offer needs a reason; a reservation from routing (no colleague to tell) does not. */
export function checkDeclineReason(text: string, required = true): ReasonCheck {
  const reason = text.trim();
  if (reason === '' && required)
    return { ok: false, message: 'Say why you decline, so the colleague knows.' };
  if (reason.length > DECLINE_REASON_MAX) {
    return { ok: false, message: `A reason can have at most ${DECLINE_REASON_MAX} characters.` };
  }
  return { ok: true, reason };
}
