import type { FetchLike } from '../../src/api/client';

// What the browser adds to the PWA's fetch, and the faults the chaos run injects between the
// sync transport and the server. Each tab has its own fetch; closing the tab aborts its requests,
// as a browser does when a tab goes away.

/** A push on its way: `forward` sends it to the server (through the proxy) as the browser would. */
export interface PushCall {
  readonly tab: Tab;
  /** The request's JSON body (a PushRequest). */
  readonly body: string;
  /** Sends the push (or another body in its place). */
  forward(body?: string): Promise<Response>;
  readonly signal: AbortSignal;
}

/** Answers one push instead of the plain `forward`. */
export type PushFault = (call: PushCall) => Promise<Response>;

export interface Tab {
  readonly id: number;
  readonly fetch: FetchLike;
  /** Aborts what this tab has in flight and every later request. */
  close(): void;
  readonly closed: boolean;
}

export class Browser {
  private readonly faults: { kind: string; fault: PushFault }[] = [];
  private nextTab = 1;
  /** Faults that met a push, by kind. */
  readonly injected = new Map<string, number>();
  /**
   * Sees every push before the planned faults; answers null to let it pass. Only the self-test
   * sets it: a server that breaks the rules, which the run's checks must notice.
   */
  sabotage: ((call: PushCall) => Promise<Response> | null) | null = null;
  pushes = 0;

  constructor(
    /** The origin the PWA is served from: the proxy. */
    readonly origin: string,
    private readonly cookie: string,
  ) {}

  /** The next push (of any tab) meets this fault. */
  failNextPush(kind: string, fault: PushFault): void {
    this.faults.push({ kind, fault });
  }

  count(kind: string): void {
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
  }

  /** Faults planned but not met (the cycle ended before a push): dropped uncounted. */
  clearFaults(): number {
    return this.faults.splice(0).length;
  }

  get pendingFaults(): number {
    return this.faults.length;
  }

  openTab(): Tab {
    const controller = new AbortController();
    const tab: Tab = {
      id: this.nextTab++,
      get closed() {
        return controller.signal.aborted;
      },
      close: () => controller.abort(new DOMException('The tab was closed.', 'AbortError')),
      fetch: (input, init) => {
        const signal = init.signal
          ? AbortSignal.any([init.signal, controller.signal])
          : controller.signal;
        const send = (body = init.body): Promise<Response> =>
          fetch(input, {
            ...init,
            body,
            signal,
            headers: {
              ...(init.headers as Record<string, string>),
              cookie: this.cookie,
              origin: this.origin,
            },
          });
        if (!input.endsWith('/api/sync/push')) return send();
        this.pushes++;
        const call: PushCall = { tab, body: String(init.body), forward: send, signal };
        const sabotaged = this.sabotage?.(call);
        if (sabotaged) return sabotaged;
        const planned = this.faults.shift();
        if (!planned) return send();
        this.count(planned.kind);
        return planned.fault(call);
      },
    };
    return tab;
  }
}

/** A network failure as fetch reports it. */
export function networkError(why: string): TypeError {
  return new TypeError(`fetch failed (chaos: ${why})`);
}

/** Waits until the signal aborts, then throws its reason (a timeout, a closed tab). */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
