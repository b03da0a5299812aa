import { createHash, randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import WebSocket from 'ws';

// A small real SIP user agent for tests: SIP over WebSocket (like JsSIP) or UDP, with digest
// authentication. Enough to register, place and answer a call; no SIP mock involved.

export interface SipMessage {
  startLine: string;
  /** Response status, or 0 for a request. */
  status: number;
  reason: string;
  method: string;
  headers: Map<string, string[]>;
  body: string;
  raw: string;
}

export function parseSip(raw: string): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const response = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(startLine);
  const cseqMethod = headers.get('cseq')?.[0]?.split(/\s+/)[1] ?? '';
  return {
    startLine,
    status: response ? Number(response[1]) : 0,
    reason: response?.[2] ?? '',
    method: response ? cseqMethod : (startLine.split(' ')[0] ?? ''),
    headers,
    body,
    raw,
  };
}

export function header(message: SipMessage, name: string): string {
  return message.headers.get(name.toLowerCase())?.[0] ?? '';
}

function token(bytes = 8): string {
  return randomBytes(bytes).toString('hex');
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function digestParams(challenge: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of challenge.replace(/^Digest\s+/i, '').matchAll(/(\w+)=("([^"]*)"|[^,\s]+)/g)) {
    params[(match[1] ?? '').toLowerCase()] = match[3] ?? match[2] ?? '';
  }
  return params;
}

export function digestAuthorization(
  challenge: string,
  credentials: { username: string; password: string },
  method: string,
  uri: string,
): string {
  const p = digestParams(challenge);
  const realm = p['realm'] ?? '';
  const nonce = p['nonce'] ?? '';
  const ha1 = md5(`${credentials.username}:${realm}:${credentials.password}`);
  const ha2 = md5(`${method}:${uri}`);
  const fields = [`username="${credentials.username}"`, `realm="${realm}"`, `nonce="${nonce}"`];
  fields.push(`uri="${uri}"`, 'algorithm=MD5');
  if (p['qop']?.split(',').includes('auth')) {
    const cnonce = token();
    const nc = '00000001';
    fields.push(`response="${md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`);
    fields.push('qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
  } else {
    fields.push(`response="${md5(`${ha1}:${nonce}:${ha2}`)}"`);
  }
  if (p['opaque'] !== undefined) fields.push(`opaque="${p['opaque']}"`);
  return `Digest ${fields.join(', ')}`;
}

interface Transport {
  readonly via: string; // 'WS abc.invalid' or 'UDP 127.0.0.1:port'
  readonly contactHost: string;
  readonly transportParam: string;
  send(text: string): void;
  close(): Promise<void>;
}

export interface RequestOptions {
  uri: string;
  to?: string;
  headers?: string[];
  body?: string;
  credentials?: { username: string; password: string };
}

export interface Dialog {
  callId: string;
  fromTag: string;
  toTag: string;
  remoteTarget: string;
  routes: string[];
  cseq: number;
}

export class SipClient {
  readonly #waiters: { match: (m: SipMessage) => boolean; resolve: (m: SipMessage) => void }[] = [];
  readonly #inbox: SipMessage[] = [];
  #cseq = 1;

  private constructor(
    private readonly transport: Transport,
    readonly user: string,
    readonly domain: string,
  ) {}

  /** `tls`: for wss://, e.g. the certificate authority to trust. */
  static async websocket(
    url: string,
    user: string,
    domain: string,
    tls: WebSocket.ClientOptions = {},
  ): Promise<SipClient> {
    const ws = new WebSocket(url, 'sip', tls);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const host = `${token(4)}.invalid`;
    const client = new SipClient(
      {
        via: `WS ${host}`,
        contactHost: host,
        transportParam: ';transport=ws',
        send: (text) => ws.send(text),
        close: () =>
          new Promise<void>((resolve) => {
            if (ws.readyState === WebSocket.CLOSED) return resolve();
            ws.once('close', () => resolve());
            ws.close();
          }),
      },
      user,
      domain,
    );
    ws.on('message', (data) => client.receive(String(data)));
    return client;
  }

  static async udp(serverPort: number, user: string, domain: string): Promise<SipClient> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const local = `127.0.0.1:${socket.address().port}`;
    const client = new SipClient(
      {
        via: `UDP ${local}`,
        contactHost: local,
        transportParam: '',
        send: (text) => socket.send(text, serverPort, '127.0.0.1'),
        close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
      },
      user,
      domain,
    );
    socket.on('message', (data) => client.receive(String(data)));
    return client;
  }

  get aor(): string {
    return `sip:${this.user}@${this.domain}`;
  }

  get contact(): string {
    return `<sip:${this.user}@${this.transport.contactHost}${this.transport.transportParam}>`;
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private receive(raw: string): void {
    if (raw.trim() === '') return; // keep-alive
    const message = parseSip(raw);
    const index = this.#waiters.findIndex((w) => w.match(message));
    if (index >= 0) this.#waiters.splice(index, 1)[0]?.resolve(message);
    else this.#inbox.push(message);
  }

  /** The next message that matches, already received or arriving within timeoutMs. */
  next(match: (m: SipMessage) => boolean, what: string, timeoutMs = 3000): Promise<SipMessage> {
    const index = this.#inbox.findIndex(match);
    if (index >= 0) return Promise.resolve(this.#inbox.splice(index, 1)[0] as SipMessage);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (m: SipMessage) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`${this.user}: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  nextRequest(method: string, timeoutMs?: number): Promise<SipMessage> {
    return this.next((m) => m.status === 0 && m.method === method, `${method} request`, timeoutMs);
  }

  send(text: string): void {
    this.transport.send(text);
  }

  /**
   * Sends an out-of-dialog request and returns its final response, answering one digest
   * challenge with `credentials` when given (a second challenge is returned as is).
   */
  async request(method: string, options: RequestOptions): Promise<SipMessage> {
    const callId = token(12);
    const fromTag = token(6);
    let authorization: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const branch = `z9hG4bK${token(8)}`;
      const cseq = this.#cseq++;
      const to = options.to ?? options.uri;
      const lines = [
        `${method} ${options.uri} SIP/2.0`,
        `Via: SIP/2.0/${this.transport.via};branch=${branch};rport`,
        'Max-Forwards: 70',
        `From: <${this.aor}>;tag=${fromTag}`,
        `To: <${to}>`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} ${method}`,
        `Contact: ${this.contact}`,
        ...(options.headers ?? []),
        ...(authorization ? [authorization] : []),
      ];
      this.send(this.#compose(lines, options.body));
      const response = await this.next(
        (m) =>
          m.status >= 200 &&
          header(m, 'call-id') === callId &&
          header(m, 'cseq') === `${cseq} ${method}`,
        `final response to ${method} ${options.uri}`,
      );
      if (method === 'INVITE' && response.status >= 300) this.#ackNon2xx(lines, response);
      if (
        (response.status === 401 || response.status === 407) &&
        options.credentials &&
        attempt === 0
      ) {
        const challenge = header(
          response,
          response.status === 401 ? 'www-authenticate' : 'proxy-authenticate',
        );
        const name = response.status === 401 ? 'Authorization' : 'Proxy-Authorization';
        authorization = `${name}: ${digestAuthorization(challenge, options.credentials, method, options.uri)}`;
        continue;
      }
      return response;
    }
  }

  /** REGISTER this client's AoR; `aor` registers another user's AoR with these credentials. */
  register(
    credentials: { username: string; password: string },
    options: { aor?: string; expires?: number } = {},
  ): Promise<SipMessage> {
    const aor = options.aor ?? this.aor;
    return this.request('REGISTER', {
      uri: `sip:${this.domain}`,
      to: aor,
      headers: [`Expires: ${options.expires ?? 600}`],
      credentials,
    });
  }

  /** The dialog a 2xx to our INVITE created, and the ACK for it. */
  acknowledge(invite: SipMessage): Dialog {
    const dialog: Dialog = {
      callId: header(invite, 'call-id'),
      fromTag: /tag=([^;>\s]+)/.exec(header(invite, 'from'))?.[1] ?? '',
      toTag: /tag=([^;>\s]+)/.exec(header(invite, 'to'))?.[1] ?? '',
      remoteTarget: /<([^>]+)>/.exec(header(invite, 'contact'))?.[1] ?? '',
      routes: [...(invite.headers.get('record-route') ?? [])]
        .flatMap((r) => r.split(/,(?=\s*<)/))
        .map((r) => r.trim())
        .reverse(),
      cseq: Number(header(invite, 'cseq').split(' ')[0]),
    };
    this.inDialog(dialog, 'ACK', dialog.cseq);
    return dialog;
  }

  /** Sends an in-dialog request (ACK, BYE, INFO ...) along the route set. */
  inDialog(dialog: Dialog, method: string, cseq = ++dialog.cseq, to = dialog.remoteTarget): void {
    const lines = [
      `${method} ${to} SIP/2.0`,
      `Via: SIP/2.0/${this.transport.via};branch=z9hG4bK${token(8)};rport`,
      'Max-Forwards: 70',
      ...dialog.routes.map((r) => `Route: ${r}`),
      `From: <${this.aor}>;tag=${dialog.fromTag}`,
      `To: <sip:peer@${this.domain}>;tag=${dialog.toTag}`,
      `Call-ID: ${dialog.callId}`,
      `CSeq: ${cseq} ${method}`,
      `Contact: ${this.contact}`,
    ];
    this.send(this.#compose(lines));
  }

  /** Answers a received request: copies Via, From, To (adding our tag), Call-ID, CSeq, Record-Route. */
  reply(
    request: SipMessage,
    status: number,
    reason: string,
    toTag = token(6),
    body?: string,
  ): void {
    const lines = [
      `SIP/2.0 ${status} ${reason}`,
      ...(request.headers.get('via') ?? []).map((v) => `Via: ${v}`),
      ...(request.headers.get('record-route') ?? []).map((r) => `Record-Route: ${r}`),
      `From: ${header(request, 'from')}`,
      `To: ${header(request, 'to')}${/tag=/.test(header(request, 'to')) ? '' : `;tag=${toTag}`}`,
      `Call-ID: ${header(request, 'call-id')}`,
      `CSeq: ${header(request, 'cseq')}`,
      `Contact: ${this.contact}`,
    ];
    this.send(this.#compose(lines, body));
  }

  #ackNon2xx(inviteLines: string[], response: SipMessage): void {
    const keep = (prefix: string) => inviteLines.find((l) => l.startsWith(prefix)) ?? '';
    const lines = [
      `ACK ${(inviteLines[0] ?? '').split(' ')[1] ?? ''} SIP/2.0`,
      keep('Via:'),
      'Max-Forwards: 70',
      keep('From:'),
      `To: ${header(response, 'to')}`,
      keep('Call-ID:'),
      `CSeq: ${keep('CSeq:').split(' ')[1] ?? ''} ACK`,
    ];
    this.send(this.#compose(lines));
  }

  #compose(lines: string[], body = ''): string {
    const type = body ? ['Content-Type: application/sdp'] : [];
    return [...lines, ...type, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n');
  }
}
