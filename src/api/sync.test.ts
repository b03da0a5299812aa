import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectPokes, createSyncTransport } from './sync';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('sync transport', () => {
  it('pushes JSON with same-origin credentials and returns the results', async () => {
    const calls: [string, RequestInit][] = [];
    const transport = createSyncTransport({
      fetch: async (url, init) => {
        calls.push([url, init]);
        return json(200, { results: [{ seq: 1, status: 'ok' }] });
      },
    });
    const result = await transport.push({ clientId: 'c', mutations: [] });
    expect(result).toEqual({ ok: true, value: { results: [{ seq: 1, status: 'ok' }] } });
    expect(calls[0]?.[0]).toBe('/api/sync/push');
    expect(calls[0]?.[1].method).toBe('POST');
    expect(calls[0]?.[1].credentials).toBe('same-origin');
    expect(calls[0]?.[1].body).toBe('{"clientId":"c","mutations":[]}');
  });

  it('names its instance on every request and maps a moved session to instance_changed', async () => {
    const headers: unknown[] = [];
    const transport = createSyncTransport({
      instanceId: 'inst-a',
      fetch: async (_url, init) => {
        headers.push((init.headers as Record<string, string>)['X-Switchboard-Instance']);
        return json(409, {
          error: { code: 'instance_changed', message: 'This session is now in another instance.' },
        });
      },
    });
    const pushed = await transport.push({ clientId: 'c', mutations: [] });
    const pulled = await transport.pull(null);
    expect(headers).toEqual(['inst-a', 'inst-a']);
    expect(pushed).toMatchObject({ ok: false, kind: 'instance_changed', status: 409 });
    expect(pulled).toMatchObject({ ok: false, kind: 'instance_changed' });
  });

  it('pulls without a cursor for the bootstrap and with an encoded one after', async () => {
    const urls: string[] = [];
    const transport = createSyncTransport({
      fetch: async (url) => {
        urls.push(url);
        return json(200, { changes: [], cursor: '7', more: false });
      },
    });
    await transport.pull(null);
    await transport.pull('7 8');
    expect(urls).toEqual(['/api/sync/pull', '/api/sync/pull?cursor=7%208']);
  });

  it('PUTs the raw bytes of an attachment with its name and task', async () => {
    const seen = { url: '', init: {} as RequestInit };
    const transport = createSyncTransport({
      fetch: async (url, init) => {
        Object.assign(seen, { url, init });
        return json(201, { id: 'a1', name: 'a b.pdf', size: 3, type: 'application/pdf' });
      },
    });
    const blob = new Blob(['abc'], { type: 'application/pdf' });
    const ref = { id: 'a1', name: 'a b.pdf', size: 3, type: 'application/pdf' };
    expect((await transport.uploadAttachment(ref, blob, 't1')).ok).toBe(true);
    expect(seen.url).toBe('/api/attachments/a1?name=a%20b.pdf&taskId=t1');
    expect(seen.init.method).toBe('PUT');
    expect(seen.init.body).toBe(blob);
    expect((seen.init.headers as Record<string, string>)['Content-Type']).toBe('application/pdf');
  });

  it.each([
    [401, { error: { code: 'unauthenticated', message: 'Sign in' } }, 'unauthenticated'],
    [409, { error: { code: 'conflict', message: 'gap' }, expectedSeq: 4 }, 'gap'],
    [413, { error: { code: 'payload_too_large', message: 'big' } }, 'too_large'],
    [500, { error: { code: 'internal', message: 'oops' } }, 'server'],
    [503, null, 'server'],
    [429, null, 'server'],
    [400, { error: { code: 'bad_request', message: 'bad' } }, 'rejected_request'],
    [403, { error: { code: 'forbidden', message: 'no' } }, 'rejected_request'],
  ])('maps HTTP %i to %s', async (status, body, kind) => {
    const transport = createSyncTransport({
      fetch: async () => (body === null ? new Response('', { status }) : json(status, body)),
    });
    const result = await transport.push({ clientId: 'c', mutations: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.kind).toBe(kind);
    expect(result.status).toBe(status);
    if (kind === 'gap') expect(result.expectedSeq).toBe(4);
  });

  it('turns a failed fetch and a hanging server into network failures', async () => {
    const offline = createSyncTransport({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(await offline.pull(null)).toMatchObject({ ok: false, kind: 'network', status: 0 });

    const hanging = createSyncTransport({
      timeoutMs: 20,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    });
    const result = await hanging.pull(null);
    expect(result).toMatchObject({ ok: false, kind: 'network' });
    expect(!result.ok && result.message).toMatch(/in time/);
  });
});

class FakeSocket {
  static opened: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  close() {
    this.closed = true;
  }
}

function socket(index: number): FakeSocket {
  const found = FakeSocket.opened[index];
  if (!found) throw new Error(`no socket ${index}`);
  return found;
}

describe('poke socket', () => {
  afterEach(() => {
    vi.useRealTimers();
    FakeSocket.opened = [];
  });

  it('pokes on a poke message, pulls on every (re)connect, backs off between attempts', async () => {
    vi.useFakeTimers();
    const onPoke = vi.fn();
    const onOpen = vi.fn();
    const stop = connectPokes(
      (url) => new FakeSocket(url) as unknown as WebSocket,
      () => 'ws://host/api/sync/socket',
      { onPoke, onOpen },
      () => 1,
    );
    const first = socket(0);
    expect(first.url).toBe('ws://host/api/sync/socket');
    first.onopen?.();
    first.onmessage?.({ data: '{"type":"poke"}' });
    first.onmessage?.({ data: 'not json' });
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onPoke).toHaveBeenCalledTimes(1);

    // Dropped twice without opening: the second wait is longer than the first.
    first.onclose?.();
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSocket.opened).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.opened).toHaveLength(2);
    socket(1).onclose?.();
    await vi.advanceTimersByTimeAsync(1999);
    expect(FakeSocket.opened).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.opened).toHaveLength(3);
    socket(2).onopen?.();
    expect(onOpen).toHaveBeenCalledTimes(2);

    stop();
    expect(socket(2).closed).toBe(true);
    socket(2).onclose?.();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(FakeSocket.opened).toHaveLength(3);
  });
});
