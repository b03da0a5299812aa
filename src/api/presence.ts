// Who else has a task open: the task page holds GET /api/presence/socket while it shows the task
// (docs/contract.md, "Presence") and hears the room's user ids; it reconnects with backoff after
// a drop, and closes for good when the page stops watching.
import { backoffDelay } from '../domain';

export interface PresenceOptions {
  taskId: string;
  /** The instance of the page's store: a tab of another instance is refused, not mixed. */
  instanceId: string;
  onUsers: (userIds: string[]) => void;
  /** Tests pass a fake. */
  open?: (url: string) => WebSocket;
}

function socketUrl(taskId: string, instanceId: string): string {
  const { protocol, host } = globalThis.location;
  const scheme = protocol === 'https:' ? 'wss:' : 'ws:';
  const query = `task=${encodeURIComponent(taskId)}&instance=${encodeURIComponent(instanceId)}`;
  return `${scheme}//${host}/api/presence/socket?${query}`;
}

/** Starts watching; returns the stop function. */
export function watchPresence(options: PresenceOptions): () => void {
  const open = options.open ?? ((url: string) => new WebSocket(url));
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let stopped = false;

  function connect(): void {
    if (stopped) return;
    try {
      socket = open(socketUrl(options.taskId, options.instanceId));
    } catch {
      later();
      return;
    }
    const current = socket;
    current.onopen = () => {
      attempt = 0;
    };
    current.onmessage = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      try {
        const message = JSON.parse(event.data) as { type?: unknown; userIds?: unknown };
        if (message.type === 'presence' && Array.isArray(message.userIds)) {
          options.onUsers(message.userIds.filter((id): id is string => typeof id === 'string'));
        }
      } catch {
        // Not ours to understand: ignore.
      }
    };
    current.onclose = () => {
      if (socket === current) socket = null;
      // Offline or dropped: nobody is known to be here until it is back.
      options.onUsers([]);
      later();
    };
  }

  function later(): void {
    if (stopped || timer !== null) return;
    timer = setTimeout(
      () => {
        timer = null;
        connect();
      },
      backoffDelay(attempt++, Math.random),
    );
  }

  connect();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    socket?.close();
    socket = null;
  };
}
