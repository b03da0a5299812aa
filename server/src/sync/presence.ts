// Who has a task open right now: each open task page holds a presence socket; everyone in the
// same task's room hears the room's user ids whenever someone comes or goes. Presence is about
// live connections, so it lives with them, on the node that holds them; with several nodes the
// room changes would travel the same LISTEN/NOTIFY fan-out as pokes.
import type { PokeSocket } from './poker.js';

export type PresenceSocket = Pick<PokeSocket, 'send' | 'on'>;

export interface PresenceMessage {
  type: 'presence';
  taskId: string;
  /** Everyone with the task open, each once, the listener included. */
  userIds: string[];
}

export class PresenceHub {
  readonly #rooms = new Map<string, Map<PresenceSocket, string>>();

  /** Adds the socket to the task's room until it closes; everyone in the room hears the change. */
  join(instanceId: string, taskId: string, userId: string, socket: PresenceSocket): void {
    const key = `${instanceId} ${taskId}`;
    const room = this.#rooms.get(key) ?? new Map<PresenceSocket, string>();
    this.#rooms.set(key, room);
    room.set(socket, userId);
    socket.on('close', () => {
      room.delete(socket);
      if (room.size === 0) this.#rooms.delete(key);
      else this.#tell(taskId, room);
    });
    this.#tell(taskId, room);
  }

  /** The user ids in a task's room (tests, diagnostics). */
  usersIn(instanceId: string, taskId: string): string[] {
    return [...new Set(this.#rooms.get(`${instanceId} ${taskId}`)?.values() ?? [])].sort();
  }

  #tell(taskId: string, room: Map<PresenceSocket, string>): void {
    const message: PresenceMessage = {
      type: 'presence',
      taskId,
      userIds: [...new Set(room.values())].sort(),
    };
    const text = JSON.stringify(message);
    for (const socket of room.keys()) socket.send(text);
  }
}
