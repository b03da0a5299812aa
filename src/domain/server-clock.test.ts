import { describe, expect, it } from 'vitest';
import { ServerClock } from './server-clock';

const hour = 3_600_000;

describe('ServerClock', () => {
  it('is 0 until an answer comes', () => {
    expect(new ServerClock().offset()).toBe(0);
  });

  it('finds a browser an hour behind within half a second from one answer', () => {
    const clock = new ServerClock();
    // The server read 12:00:00.700 (Date says 12:00:00) while the browser said 11:00:00.650.
    const browser = Date.UTC(2026, 10, 26, 11, 0, 0, 600);
    clock.add({ sentAt: browser, receivedAt: browser + 100, serverDate: browser + hour - 600 });
    expect(Math.abs(clock.offset() - (hour + 50))).toBeLessThanOrEqual(550);
  });

  it('narrows to the true offset as answers fall across second boundaries', () => {
    const clock = new ServerClock();
    const trueOffset = hour + 321;
    for (let i = 0; i < 20; i++) {
      // 61 ms later in each second: 20 answers walk the whole second.
      const sentAt = 1_000_000 + i * 1061;
      const serverRead = sentAt + 10 + trueOffset;
      clock.add({
        sentAt,
        receivedAt: sentAt + 20,
        serverDate: Math.floor(serverRead / 1000) * 1000,
      });
    }
    expect(Math.abs(clock.offset() - trueOffset)).toBeLessThanOrEqual(30);
  });

  it('starts over when the browser clock jumps, and ignores slow answers', () => {
    const clock = new ServerClock();
    clock.add({ sentAt: 0, receivedAt: 50, serverDate: 0 });
    expect(Math.abs(clock.offset())).toBeLessThanOrEqual(500);
    clock.add({ sentAt: 10_000, receivedAt: 10_050, serverDate: 10_000 + hour });
    expect(Math.abs(clock.offset() - hour)).toBeLessThanOrEqual(500);
    clock.add({ sentAt: 20_000, receivedAt: 40_000, serverDate: 0 });
    expect(Math.abs(clock.offset() - hour)).toBeLessThanOrEqual(500);
  });
});
