import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeIceCut } from './ice';

const host = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 54321 typ host' };
const srflx = { type: 'srflx' };

describe('ICE cut', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends at the first candidate when no STUN/TURN is configured', () => {
    const ready = vi.fn();
    makeIceCut({ graceMs: 0 })({ candidate: host, ready });
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('waits a short grace for a server candidate, then sends anyway', () => {
    const ready = vi.fn();
    const cut = makeIceCut({ graceMs: 200 });
    cut({ candidate: host, ready });
    cut({ candidate: host, ready });
    vi.advanceTimersByTime(199);
    expect(ready).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('sends as soon as a server-reflexive candidate arrives', () => {
    const ready = vi.fn();
    const cut = makeIceCut({ graceMs: 200 });
    cut({ candidate: host, ready });
    vi.advanceTimersByTime(30);
    cut({ candidate: srflx, ready });
    expect(ready).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    expect(ready).toHaveBeenCalledTimes(1);
  });
});
