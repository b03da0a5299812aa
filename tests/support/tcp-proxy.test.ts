import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

// Real sockets on loopback: an HTTP server behind the proxy and raw or keep-alive clients.

let server: http.Server;
let requests: number;
let proxy: TcpProxy;

beforeEach(async () => {
  requests = 0;
  server = http.createServer((_request, response) => {
    requests += 1;
    response.end('hello');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy = await startTcpProxy({ targetPort: (server.address() as net.AddressInfo).port });
});

afterEach(async () => {
  await proxy.close();
  server.closeAllConnections();
  server.close();
});

/** One GET over a raw socket; resolves with what came back before the socket closed. */
function rawGet(port: number): { socket: net.Socket; result: Promise<string> } {
  const socket = net.connect(port, '127.0.0.1');
  socket.write('GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  const result = new Promise<string>((resolve) => {
    socket.on('error', () => undefined); // a reset: the text so far is the answer
    socket.on('close', () => resolve(received));
  });
  return { socket, result };
}

/** A keep-alive connection that has answered one request and stays open. */
async function openKeepAlive(agent: http.Agent): Promise<net.Socket> {
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    http.get(proxy.url, { agent }, resolve).on('error', reject);
  });
  const socket = response.socket;
  socket.on('error', () => undefined); // the proxy resets it in some tests
  response.resume();
  await once(response, 'end');
  return socket;
}

describe('startTcpProxy', () => {
  it('forwards both ways in pass mode', async () => {
    const { result } = rawGet(proxy.port);
    expect(await result).toMatch(/^HTTP\/1\.1 200[\s\S]*hello$/);
    expect(proxy.counts()).toEqual({ passed: 1, refused: 0, held: 0 });
  });

  it('refuse resets new connections and the open ones, then pass serves again', async () => {
    const agent = new http.Agent({ keepAlive: true });
    const open = await openKeepAlive(agent);
    // Not events.once: it rejects on the reset's 'error' before 'close' arrives.
    const openClosed = new Promise((resolve) => open.once('close', resolve));

    proxy.setMode('refuse');
    await openClosed;
    const { result } = rawGet(proxy.port);
    expect(await result).toBe('');
    expect(proxy.counts().refused).toBe(1);
    expect(requests).toBe(1);

    proxy.setMode('pass');
    expect(await rawGet(proxy.port).result).toContain('hello');
    agent.destroy();
  });

  it('hang accepts and never answers, freezes open connections, and resets them on leaving', async () => {
    const agent = new http.Agent({ keepAlive: true });
    const open = await openKeepAlive(agent);

    proxy.setMode('hang');
    const held = proxy.nextConnection('held');
    const { socket, result } = rawGet(proxy.port);
    await held;
    // The frozen keep-alive connection swallows a request too.
    const frozen = new Promise<'answered' | 'closed'>((resolve) => {
      open.once('data', () => resolve('answered'));
      open.once('close', () => resolve('closed'));
    });
    open.write('GET / HTTP/1.1\r\nHost: test\r\n\r\n');
    // Both requests reached the proxy and neither reached the server: held means nothing passed.
    expect(proxy.counts()).toEqual({ passed: 1, refused: 0, held: 1 });
    expect(requests).toBe(1);
    expect(socket.destroyed).toBe(false);

    proxy.setMode('pass');
    expect(await result).toBe('');
    expect(await frozen).toBe('closed');
    expect(requests).toBe(1);
    expect(await rawGet(proxy.port).result).toContain('hello');
    agent.destroy();
  });

  it('close frees the port and ends every connection', async () => {
    proxy.setMode('hang');
    const held = proxy.nextConnection('held');
    const { result } = rawGet(proxy.port);
    await held;
    const port = proxy.port;
    await proxy.close();
    expect(await result).toBe('');
    const refused = await new Promise<string>((resolve) => {
      net.connect(port, '127.0.0.1').on('error', (error: NodeJS.ErrnoException) => {
        resolve(error.code ?? '');
      });
    });
    expect(refused).toBe('ECONNREFUSED');
    proxy = await startTcpProxy({ targetPort: (server.address() as net.AddressInfo).port });
  });
});
