import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeepAlive } from './keepalive';

describe('OPTIONS keep-alive', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(connected = true) {
    const answers: (() => void)[] = [];
    const onDead = vi.fn();
    const keepAlive = createKeepAlive({
      intervalMs: 10_000,
      timeoutMs: 4_000,
      connected: () => connected,
      probe: (answered) => answers.push(answered),
      onDead,
    });
    keepAlive.start();
    return { answers, onDead, keepAlive };
  }

  it('probes every interval while the server answers, and never calls it dead', () => {
    const { answers, onDead } = setup();
    vi.advanceTimersByTime(9_999);
    expect(answers).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(answers).toHaveLength(1);
    answers[0]?.();
    vi.advanceTimersByTime(10_000);
    expect(answers).toHaveLength(2);
    answers[1]?.();
    for (let i = 2; i < 8; i++) {
      vi.advanceTimersByTime(10_000);
      answers[i]?.();
    }
    expect(answers).toHaveLength(8);
    expect(onDead).not.toHaveBeenCalled();
  });

  it('calls the socket dead when a probe goes unanswered, once, then probes again', () => {
    const { answers, onDead } = setup();
    vi.advanceTimersByTime(10_000 + 3_999);
    expect(onDead).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onDead).toHaveBeenCalledTimes(1);
    answers[0]?.(); // a late answer changes nothing
    vi.advanceTimersByTime(10_000);
    expect(answers).toHaveLength(2);
    answers[1]?.();
    vi.advanceTimersByTime(10_000);
    expect(onDead).toHaveBeenCalledTimes(1);
  });

  it('does not probe without a connection, and stops for good', () => {
    const { answers, onDead, keepAlive } = setup(false);
    vi.advanceTimersByTime(50_000);
    expect(answers).toHaveLength(0);
    keepAlive.stop();
    vi.advanceTimersByTime(50_000);
    expect(onDead).not.toHaveBeenCalled();
  });

  it('a stop while a probe waits cancels the verdict', () => {
    const { answers, onDead, keepAlive } = setup();
    vi.advanceTimersByTime(10_000);
    expect(answers).toHaveLength(1);
    keepAlive.stop();
    vi.advanceTimersByTime(30_000);
    expect(onDead).not.toHaveBeenCalled();
  });
});
