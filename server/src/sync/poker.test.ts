import { afterEach, describe, expect, it, vi } from 'vitest';
import { audienceOf, LocalPoker, type PokeSocket } from './poker.js';

class FakeSocket implements PokeSocket {
  sent: string[] = [];
  pings = 0;
  terminated = false;
  answersPings = true;
  readonly #listeners = new Map<string, (() => void)[]>();
  send(data: string) {
    this.sent.push(data);
  }
  ping() {
    this.pings += 1;
    if (this.answersPings) this.emit('pong');
  }
  terminate() {
    this.terminated = true;
    this.emit('close');
  }
  on(event: 'pong' | 'close', listener: () => void) {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
  }
  emit(event: string) {
    for (const listener of this.#listeners.get(event) ?? []) listener();
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('LocalPoker', () => {
  it('pokes everyone of the instance, or only the named users, never another instance', () => {
    const poker = new LocalPoker();
    const a = new FakeSocket();
    const b = new FakeSocket();
    const other = new FakeSocket();
    poker.register('demo', 'alice', a);
    poker.register('demo', 'bob', b);
    poker.register('northwind', 'alice', other);
    poker.poke('demo', 'instance');
    poker.poke('demo', ['bob']);
    expect(a.sent).toEqual(['{"type":"poke"}']);
    expect(b.sent).toHaveLength(2);
    expect(other.sent).toEqual([]);
  });

  it('forgets a socket when it closes', () => {
    const poker = new LocalPoker();
    const a = new FakeSocket();
    poker.register('demo', 'alice', a);
    expect(poker.size).toBe(1);
    a.emit('close');
    expect(poker.size).toBe(0);
    poker.poke('demo', 'instance');
    expect(a.sent).toEqual([]);
  });

  it('the heartbeat terminates a socket that stopped answering pings', () => {
    vi.useFakeTimers();
    const poker = new LocalPoker();
    const alive = new FakeSocket();
    const dead = new FakeSocket();
    dead.answersPings = false;
    poker.register('demo', 'alice', alive);
    poker.register('demo', 'bob', dead);
    poker.startHeartbeat(1000);
    vi.advanceTimersByTime(1000);
    expect(dead.terminated).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(dead.terminated).toBe(true);
    expect(alive.terminated).toBe(false);
    expect(poker.size).toBe(1);
    poker.stopHeartbeat();
  });

  it('a change for everyone makes the audience the instance', () => {
    expect(audienceOf([])).toBeUndefined();
    expect(audienceOf([{ kind: 'filter', entityId: 'f', audienceUserId: 'bob' }])).toEqual(['bob']);
    expect(
      audienceOf([
        { kind: 'filter', entityId: 'f', audienceUserId: 'bob' },
        { kind: 'task', entityId: 't', audienceUserId: null },
      ]),
    ).toBe('instance');
  });
});
