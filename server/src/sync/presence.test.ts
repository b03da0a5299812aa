import { describe, expect, it } from 'vitest';
import { PresenceHub, type PresenceSocket } from './presence.js';

class FakeSocket implements PresenceSocket {
  readonly sent: unknown[] = [];
  #onClose: (() => void)[] = [];
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  on(event: 'pong' | 'close', listener: () => void) {
    if (event === 'close') this.#onClose.push(listener);
  }
  close() {
    for (const listener of this.#onClose) listener();
  }
}

describe('presence', () => {
  it('tells everyone in a task’s room who is there as people come and go; rooms are per instance', () => {
    const hub = new PresenceHub();
    const alice = new FakeSocket();
    const bob = new FakeSocket();
    const aliceTab2 = new FakeSocket();
    const elsewhere = new FakeSocket();
    hub.join('i1', 't1', 'alice', alice);
    hub.join('i1', 't1', 'bob', bob);
    hub.join('i1', 't1', 'alice', aliceTab2);
    hub.join('i2', 't1', 'mallory', elsewhere);
    const last = (s: FakeSocket) => s.sent.at(-1);
    expect(last(alice)).toEqual({ type: 'presence', taskId: 't1', userIds: ['alice', 'bob'] });
    expect(last(bob)).toEqual({ type: 'presence', taskId: 't1', userIds: ['alice', 'bob'] });
    expect(last(elsewhere)).toEqual({ type: 'presence', taskId: 't1', userIds: ['mallory'] });

    bob.close();
    expect(last(alice)).toEqual({ type: 'presence', taskId: 't1', userIds: ['alice'] });
    alice.close();
    // alice's second tab still holds the task open.
    expect(hub.usersIn('i1', 't1')).toEqual(['alice']);
    aliceTab2.close();
    expect(hub.usersIn('i1', 't1')).toEqual([]);
    expect(hub.usersIn('i2', 't1')).toEqual(['mallory']);
  });
});
