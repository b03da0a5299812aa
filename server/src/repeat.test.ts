import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { repeatEvery } from './repeat.js';

describe('repeatEvery', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('skips a tick while the last run is still going, reports errors, and stops', async () => {
    let runs = 0;
    let finish: () => void = () => {};
    const errors: unknown[] = [];
    const stop = repeatEvery(
      1000,
      () => {
        runs += 1;
        if (runs === 2) return Promise.reject(new Error('boom'));
        return new Promise<void>((resolve) => (finish = resolve));
      },
      (error) => errors.push(error),
    );
    await vi.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(1); // the first run has not finished: ticks 2 and 3 were skipped
    finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
    expect(errors).toEqual([new Error('boom')]);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toBe(2);
  });
});
