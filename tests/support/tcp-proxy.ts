import { EventEmitter, once } from 'node:events';
import net from 'node:net';

// A TCP proxy between a browser and the real server that plays a server outage from the server's
// side. Browser offline switches (BiDi offline mode in Firefox) do not reach a service worker's
// own fetches, and chaos tests need more than "offline" anyway: a refused or a silent server.

/**
 * - `pass`: forward both ways.
 * - `refuse`: reset every open connection and every new one as it arrives, like a server that is
 *   down (the port stays ours, so nothing else can take it meanwhile).
 * - `hang`: accept and read, never answer; open connections stop forwarding too. Leaving `hang`
 *   resets the connections it held, whose requests were swallowed.
 */
export type ProxyMode = 'pass' | 'refuse' | 'hang';

/** What happened to one incoming connection, in the order they arrived. */
export type ProxyConnectionOutcome = 'passed' | 'refused' | 'held';

export interface ProxyCounts {
  passed: number;
  refused: number;
  held: number;
}

export interface TcpProxy {
  port: number;
  /** http://127.0.0.1:<port>: the origin the browser sees. */
  url: string;
  mode(): ProxyMode;
  setMode(mode: ProxyMode): void;
  /** Connections by outcome since start (or since resetCounts). */
  counts(): ProxyCounts;
  resetCounts(): void;
  /** Resolves on the next incoming connection that ends up `outcome`. */
  nextConnection(outcome: ProxyConnectionOutcome): Promise<void>;
  close(): Promise<void>;
}

export interface TcpProxyOptions {
  /** The real server's port on 127.0.0.1. */
  targetPort: number;
  targetHost?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

interface Connection {
  client: net.Socket;
  upstream: net.Socket | null;
}

export async function startTcpProxy({
  targetPort,
  targetHost = '127.0.0.1',
  port = 0,
}: TcpProxyOptions): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass';
  let counts: ProxyCounts = { passed: 0, refused: 0, held: 0 };
  const live = new Set<Connection>();
  const held = new Set<net.Socket>();
  const events = new EventEmitter();

  function outcome(what: ProxyConnectionOutcome): void {
    counts[what] += 1;
    events.emit(what);
  }

  function hold(client: net.Socket): void {
    held.add(client);
    client.on('close', () => held.delete(client));
    client.on('error', () => client.destroy());
    client.resume(); // read and drop: the request is swallowed
  }

  function pass(client: net.Socket): void {
    const connection: Connection = { client, upstream: null };
    live.add(connection);
    const upstream = net.connect(targetPort, targetHost);
    connection.upstream = upstream;
    client.pipe(upstream);
    upstream.pipe(client);
    const end = (): void => {
      if (!live.delete(connection)) return; // already frozen by `hang`: the client stays open
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    client.on('error', end);
    upstream.on('close', end);
    upstream.on('error', end);
  }

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    switch (mode) {
      case 'refuse':
        client.resetAndDestroy();
        outcome('refused');
        return;
      case 'hang':
        hold(client);
        outcome('held');
        return;
      case 'pass':
        pass(client);
        client.resume();
        outcome('passed');
        return;
    }
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const actualPort = (server.address() as net.AddressInfo).port;

  function resetAll(): void {
    for (const { client, upstream } of live) {
      client.resetAndDestroy();
      upstream?.destroy();
    }
    live.clear();
    for (const client of held) client.resetAndDestroy();
    held.clear();
  }

  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}`,
    mode: () => mode,
    setMode(next) {
      if (next === mode) return;
      const previous = mode;
      mode = next;
      if (next === 'refuse') {
        resetAll();
      } else if (next === 'hang') {
        // Freeze open connections: drop the upstream side, keep the client waiting.
        for (const connection of live) {
          connection.client.unpipe();
          connection.upstream?.unpipe();
          connection.upstream?.destroy();
          hold(connection.client);
        }
        live.clear();
      }
      if (previous === 'hang') {
        for (const client of held) client.resetAndDestroy();
        held.clear();
      }
    },
    counts: () => ({ ...counts }),
    resetCounts() {
      counts = { passed: 0, refused: 0, held: 0 };
    },
    async nextConnection(what) {
      await once(events, what);
    },
    async close() {
      const closed = once(server, 'close');
      server.close();
      resetAll();
      await closed;
    },
  };
}
