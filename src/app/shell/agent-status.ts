// The agent's status as the local store knows it: set through the `agentStatus.set` mutation (so
// it works offline and syncs), read live from the store, so every tab shows the same status and
// timer. Before the store opens (the first moments after sign-in) the agent counts as Offline.
import { createRoot, createSignal, onCleanup, type Accessor } from 'solid-js';
import { serverNow } from '../../api';
import type { AgentStatus } from '../../domain';
import { createLive } from '../data/live';
import { currentStore, withStore } from '../data/store';
import { currentMe } from '../session';

interface StatusSince {
  status: AgentStatus;
  since: number;
}

const stored = createRoot(() =>
  createLive(() => {
    const store = currentStore();
    const me = currentMe();
    return store && me ? store.queries.agentStatusOf(me.user.id) : null;
  }, undefined),
);

const startedAt = serverNow();

export function agentStatus(): StatusSince {
  const row = stored();
  return row
    ? { status: row.status, since: Date.parse(row.since) }
    : { status: 'offline', since: startedAt };
}

export function setAgentStatus(status: AgentStatus): void {
  if (agentStatus().status === status) return;
  void withStore((store) =>
    // The server's time, so a browser clock that is off neither backdates the status nor skews
    // the timer others see.
    store.mutate('agentStatus.set', { status, at: new Date(serverNow()).toISOString() }),
  );
}

/** The server's current time, ticking every `intervalMs` while the calling component lives. */
export function createNow(intervalMs = 1000): Accessor<number> {
  const [now, setNow] = createSignal(serverNow());
  const timer = setInterval(() => setNow(serverNow()), intervalMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
