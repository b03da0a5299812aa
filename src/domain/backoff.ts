// Bounded exponential backoff with jitter, shared by the outbox flusher and the poke socket: many
// clients coming back at once (a server restart) spread their retries instead of arriving together.

export interface BackoffPolicy {
  minMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { minMs: 1_000, maxMs: 60_000 };

/**
 * The wait before retry number `attempt` (0 for the first retry): min·2^attempt capped at max,
 * then a random point in its upper half, so the wait still grows but clients do not align.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  policy: BackoffPolicy = defaultBackoff,
): number {
  const ceiling = Math.min(policy.maxMs, policy.minMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
