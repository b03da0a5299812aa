import { describe, expect, it } from 'vitest';
import { createReofferQueue, type ReofferOutcome } from './reoffer-queue';

// A re-offer whose answer we release by hand, like a SIP transaction in flight.
function pendingReoffer(log: string[], name: string, outcomes: ReofferOutcome[]) {
  const releases: (() => void)[] = [];
  const attempt = () =>
    new Promise<ReofferOutcome>((resolve) => {
      log.push(`start ${name}`);
      releases.push(() => {
        const outcome = outcomes.shift() ?? 'ok';
        log.push(`${outcome} ${name}`);
        resolve(outcome);
      });
    });
  return { attempt, answer: () => releases.shift()?.() };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('reoffer queue', () => {
  it('runs re-offers one at a time, in the order asked', async () => {
    const log: string[] = [];
    const delays: number[] = [];
    const queue = createReofferQueue({
      delay: async (ms) => void delays.push(ms),
      random: () => 0.5,
    });
    const hold = pendingReoffer(log, 'hold', ['ok']);
    const resume = pendingReoffer(log, 'resume', ['ok']);
    const done = [queue.run(hold.attempt), queue.run(resume.attempt)];
    await flush();
    expect(log).toEqual(['start hold']); // resume waits for hold's answer
    hold.answer();
    await flush();
    expect(log).toEqual(['start hold', 'ok hold', 'start resume']);
    resume.answer();
    expect(await Promise.all(done)).toEqual(['ok', 'ok']);
    expect(delays).toEqual([]);
  });

  it('retries a 491 after a random 0–2 s with the retry attempt', async () => {
    const log: string[] = [];
    const delays: number[] = [];
    const randoms = [0.25, 0.999];
    const queue = createReofferQueue({
      delay: async (ms) => void delays.push(ms),
      random: () => randoms.shift() ?? 0,
    });
    const first = pendingReoffer(log, 'hold', ['glare']);
    const retry = pendingReoffer(log, 'renegotiate', ['glare', 'ok']);
    const result = queue.run(first.attempt, retry.attempt);
    await flush();
    first.answer();
    await flush();
    retry.answer();
    await flush();
    retry.answer();
    expect(await result).toBe('ok');
    expect(log).toEqual([
      'start hold',
      'glare hold',
      'start renegotiate',
      'glare renegotiate',
      'start renegotiate',
      'ok renegotiate',
    ]);
    expect(delays).toEqual([500, 1998]);
  });

  it('waits and retries while another transaction is in progress, then gives up', async () => {
    let attempts = 0;
    const queue = createReofferQueue({ delay: async () => {}, random: () => 0, maxAttempts: 3 });
    const outcome = await queue.run(async () => {
      attempts += 1;
      return 'notReady';
    });
    expect(outcome).toBe('notReady');
    expect(attempts).toBe(3);
  });

  it('does not retry a real failure and keeps serving after it', async () => {
    const queue = createReofferQueue({ delay: async () => {} });
    let retried = false;
    expect(
      await queue.run(
        async () => 'failed',
        async () => {
          retried = true;
          return 'ok';
        },
      ),
    ).toBe('failed');
    expect(retried).toBe(false);
    expect(await queue.run(async () => 'ok')).toBe('ok');
  });

  it('drops waiting re-offers when cleared (the call ended)', async () => {
    const log: string[] = [];
    const queue = createReofferQueue({ delay: async () => {} });
    const hold = pendingReoffer(log, 'hold', ['ok']);
    const first = queue.run(hold.attempt);
    const second = queue.run(async () => {
      log.push('resume');
      return 'ok';
    });
    await flush();
    queue.clear();
    hold.answer();
    expect(await first).toBe('ok');
    expect(await second).toBe('failed');
    expect(log).not.toContain('resume');
  });

  it('waits by role after a 491: 2.1–4 s for the Call-ID owner, 0–2 s for the other side', async () => {
    for (const [ownsCallId, random, expected] of [
      [true, 0, 2100],
      [true, 0.999, 3998],
      [false, 0, 0],
      [false, 0.999, 1998],
    ] as const) {
      const waits: number[] = [];
      const queue = createReofferQueue({
        ownsCallId,
        random: () => random,
        delay: async (ms) => void waits.push(ms),
      });
      const outcomes: ReofferOutcome[] = ['glare', 'ok'];
      await queue.run(async () => outcomes.shift() ?? 'failed');
      expect(waits).toEqual([expected]);
    }
  });
});
