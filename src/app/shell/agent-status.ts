// The agent's status as this tab knows it. Local only until issue 6 puts it on the server;
// sessionStorage keeps it (and its timer) across reloads of the tab.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { isAgentStatus, type AgentStatus } from '../../domain';

interface StatusSince {
  status: AgentStatus;
  since: number;
}

const storageKey = 'sb.agentStatus';

function read(): StatusSince {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as unknown;
    if (parsed && typeof parsed === 'object') {
      const { status, since } = parsed as Record<string, unknown>;
      if (isAgentStatus(status) && typeof since === 'number') return { status, since };
    }
  } catch {
    // Unreadable or blocked storage: start fresh.
  }
  return { status: 'offline', since: Date.now() };
}

const [agentStatus, setAgentStatusSignal] = createSignal<StatusSince>(read());
export { agentStatus };

export function setAgentStatus(status: AgentStatus): void {
  if (agentStatus().status === status) return;
  const next = { status, since: Date.now() };
  try {
    sessionStorage.setItem(storageKey, JSON.stringify(next));
  } catch {
    // Private mode without storage: the status still changes for this page.
  }
  setAgentStatusSignal(next);
}

/** The current time, ticking every `intervalMs` while the calling component lives. */
export function createNow(intervalMs = 1000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), intervalMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
