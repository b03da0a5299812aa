import type { ChangeRecord } from '../db/index.js';

/**
 * Tells connected users that something concerning them changed, after the change committed.
 * One node keeps its sockets in memory (LocalPoker); several nodes would put a PostgreSQL
 * LISTEN/NOTIFY fan-out behind this same interface.
 */
export interface Poker {
  poke(instanceId: string, audience: Audience): void;
}

/** Everyone connected to the instance, or only these users (of that instance). */
export type Audience = 'instance' | readonly string[];

/** Whom changes concern: one instance-wide change makes it everyone in the instance. */
export function audienceOf(changes: readonly ChangeRecord[]): Audience | undefined {
  if (changes.length === 0) return undefined;
  if (changes.some((c) => c.audienceUserId === null)) return 'instance';
  return [...new Set(changes.map((c) => c.audienceUserId as string))];
}

/** What LocalPoker needs of a WebSocket (ws's WebSocket has it). */
export interface PokeSocket {
  send(data: string): void;
  ping(): void;
  terminate(): void;
  on(event: 'pong' | 'close', listener: () => void): unknown;
}

export const POKE = JSON.stringify({ type: 'poke' });

interface Entry {
  userId: string;
  alive: boolean;
}

/** The sockets of this node, by instance; a heartbeat drops the ones that stopped answering. */
export class LocalPoker implements Poker {
  readonly #byInstance = new Map<string, Map<PokeSocket, Entry>>();
  #heartbeat: ReturnType<typeof setInterval> | undefined;

  /** Keeps the socket until it closes; returns a function that forgets it sooner. */
  register(instanceId: string, userId: string, socket: PokeSocket): () => void {
    let sockets = this.#byInstance.get(instanceId);
    if (!sockets) {
      sockets = new Map();
      this.#byInstance.set(instanceId, sockets);
    }
    const entry: Entry = { userId, alive: true };
    sockets.set(socket, entry);
    socket.on('pong', () => {
      entry.alive = true;
    });
    const forget = () => {
      const current = this.#byInstance.get(instanceId);
      current?.delete(socket);
      if (current?.size === 0) this.#byInstance.delete(instanceId);
    };
    socket.on('close', forget);
    return forget;
  }

  poke(instanceId: string, audience: Audience): void {
    const sockets = this.#byInstance.get(instanceId);
    if (!sockets) return;
    const users = audience === 'instance' ? undefined : new Set(audience);
    for (const [socket, entry] of sockets) {
      if (users && !users.has(entry.userId)) continue;
      try {
        socket.send(POKE);
      } catch {
        socket.terminate();
      }
    }
  }

  /** Who holds a socket on this node now, by instance (absent agents, issue 6). */
  connectedUsers(): Map<string, string[]> {
    const users = new Map<string, string[]>();
    for (const [instanceId, sockets] of this.#byInstance) {
      users.set(instanceId, [...new Set([...sockets.values()].map((entry) => entry.userId))]);
    }
    return users;
  }

  /** How many sockets this node holds (for tests and logs). */
  get size(): number {
    let n = 0;
    for (const sockets of this.#byInstance.values()) n += sockets.size;
    return n;
  }

  /** Pings every socket each interval; one that did not answer the last ping is terminated. */
  startHeartbeat(intervalMs: number): void {
    this.stopHeartbeat();
    this.#heartbeat = setInterval(() => {
      for (const sockets of this.#byInstance.values()) {
        for (const [socket, entry] of sockets) {
          if (!entry.alive) {
            socket.terminate();
            continue;
          }
          entry.alive = false;
          socket.ping();
        }
      }
    }, intervalMs);
    this.#heartbeat.unref();
  }

  stopHeartbeat(): void {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }
}
