// OPTIONS keep-alives from the browser. A WebSocket can look open for minutes after the path to
// the registrar died (a NAT or proxy dropped it, the server hangs): TCP notices only when it next
// sends, and JsSIP sends nothing until the registration refresh. Every `intervalMs` we ask the
// registrar for OPTIONS; no answer within `timeoutMs` means the socket is dead, and we drop it at
// once so JsSIP reconnects and registers again (and calls renegotiate ICE, see softphone.ts).
import { WebSocketInterface } from 'jssip';

export interface KeepAliveOptions {
  intervalMs: number;
  timeoutMs: number;
  /** Whether there is a socket worth probing (connected). */
  connected: () => boolean;
  /** Sends one probe; `answered` is called on any SIP response (even an error: the server is up). */
  probe: (answered: () => void) => void;
  onDead: () => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface KeepAlive {
  start(): void;
  stop(): void;
}

export function createKeepAlive(options: KeepAliveOptions): KeepAlive {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer =
    options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let next: unknown = null;
  let deadline: unknown = null;
  let running = false;

  function schedule(): void {
    if (running) next = setTimer(tick, options.intervalMs);
  }

  function tick(): void {
    next = null;
    if (!options.connected()) return schedule();
    // Settled by the first of: an answer, or the deadline; whatever comes later is ignored.
    let settled = false;
    deadline = setTimer(() => {
      deadline = null;
      if (settled || !running) return;
      settled = true;
      options.onDead();
      schedule();
    }, options.timeoutMs);
    options.probe(() => {
      if (settled) return;
      settled = true;
      if (deadline !== null) clearTimer(deadline);
      deadline = null;
      schedule();
    });
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    stop() {
      running = false;
      for (const handle of [next, deadline]) if (handle !== null) clearTimer(handle);
      next = null;
      deadline = null;
    },
  };
}

/** JsSIP's WebSocket that can be given up on at once (a close handshake may hang for a minute). */
export class DroppableWebSocket extends WebSocketInterface {
  drop(): void {
    const self = this as unknown as { _ws: WebSocket | null };
    if (!self._ws) return;
    this.disconnect(); // unbinds its handlers and closes it, without telling JsSIP
    this.ondisconnect(true, 1006, 'No answer to keep-alive');
  }
}
