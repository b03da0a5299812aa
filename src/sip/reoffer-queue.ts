// Re-offers (hold, resume, ICE restart) one at a time. A 491 Request Pending (both sides
// re-offering at once) or a transaction still in progress is retried after a random pause
// (RFC 3261 14.1: 2.1–4 s for the side that sent the INVITE, 0–2 s for the other), never
// turned into a dropped call.

/** What one attempt at a re-offer came to. */
export type ReofferOutcome = 'ok' | 'glare' | 'notReady' | 'failed';

export interface ReofferQueueOptions {
  /** 0 ≤ x < 1; injected so tests are deterministic. */
  random?: () => number;
  delay?: (ms: number) => Promise<void>;
  maxAttempts?: number;
  /**
   * RFC 3261 14.1: the side that owns the Call-ID (sent the INVITE) waits 2.1–4 s after a 491,
   * the other side 0–2 s, so the two retries do not collide again.
   */
  ownsCallId?: boolean;
}

export interface ReofferQueue {
  /**
   * Runs `first`, then `retry` after each glare until it succeeds or gives up. Resolves once this
   * re-offer is done; the next queued one starts only then.
   */
  run(
    first: () => Promise<ReofferOutcome>,
    retry?: () => Promise<ReofferOutcome>,
  ): Promise<ReofferOutcome>;
  /** Drops what is still waiting (the call ended). */
  clear(): void;
}

export function createReofferQueue(options: ReofferQueueOptions = {}): ReofferQueue {
  const random = options.random ?? Math.random;
  const delay = options.delay ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxAttempts = options.maxAttempts ?? 6;
  let tail: Promise<unknown> = Promise.resolve();
  let generation = 0;

  async function attempt(
    first: () => Promise<ReofferOutcome>,
    retry: () => Promise<ReofferOutcome>,
    myGeneration: number,
  ): Promise<ReofferOutcome> {
    let outcome = await first();
    for (let n = 1; n < maxAttempts && (outcome === 'glare' || outcome === 'notReady'); n += 1) {
      await delay(
        options.ownsCallId ? 2100 + Math.floor(random() * 1900) : Math.floor(random() * 2000),
      );
      if (myGeneration !== generation) return 'failed';
      outcome = await retry();
    }
    return outcome;
  }

  return {
    run(first, retry = first) {
      const myGeneration = generation;
      const result = tail.then(() =>
        myGeneration === generation ? attempt(first, retry, myGeneration) : ('failed' as const),
      );
      tail = result.catch(() => undefined);
      return result;
    },
    clear() {
      generation += 1;
    },
  };
}
