import dgram from 'node:dgram';

// rtpengine's ng control protocol (bencode over UDP), enough to ask about one call: which
// packets it relayed for each side. Used to show that an outside caller got RTP back.

export type Bencoded = number | string | Bencoded[] | { [key: string]: Bencoded };

export function bencode(value: Bencoded): string {
  if (typeof value === 'number') return `i${Math.trunc(value)}e`;
  if (typeof value === 'string') return `${Buffer.byteLength(value)}:${value}`;
  if (Array.isArray(value)) return `l${value.map(bencode).join('')}e`;
  const keys = Object.keys(value).sort();
  return `d${keys.map((k) => bencode(k) + bencode(value[k] as Bencoded)).join('')}e`;
}

export function bdecode(input: Buffer): Bencoded {
  let at = 0;
  const next = (): Bencoded => {
    const c = String.fromCharCode(input[at] ?? 0);
    if (c === 'i') {
      const end = input.indexOf('e', at);
      const n = Number(input.subarray(at + 1, end).toString());
      at = end + 1;
      return n;
    }
    if (c === 'l') {
      at++;
      const list: Bencoded[] = [];
      while (input[at] !== 0x65) list.push(next());
      at++;
      return list;
    }
    if (c === 'd') {
      at++;
      const dict: Record<string, Bencoded> = {};
      while (input[at] !== 0x65) {
        const key = next() as string;
        dict[key] = next();
      }
      at++;
      return dict;
    }
    const colon = input.indexOf(':', at);
    const length = Number(input.subarray(at, colon).toString());
    const text = input.subarray(colon + 1, colon + 1 + length).toString('latin1');
    at = colon + 1 + length;
    return text;
  };
  return next();
}

export async function ngCommand(
  port: number,
  command: Record<string, Bencoded>,
  timeoutMs = 1000,
): Promise<Record<string, Bencoded>> {
  const cookie = `sb${Math.random().toString(36).slice(2, 10)}`;
  const socket = dgram.createSocket('udp4');
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`rtpengine: no answer on ${port}`)),
        timeoutMs,
      );
      socket.once('error', reject);
      socket.on('message', (message) => {
        const space = message.indexOf(' ');
        if (message.subarray(0, space).toString() !== cookie) return;
        clearTimeout(timer);
        resolve(bdecode(message.subarray(space + 1)) as Record<string, Bencoded>);
      });
      socket.send(`${cookie} ${bencode(command)}`, port, '127.0.0.1');
    });
  } finally {
    socket.close();
  }
}

/**
 * RTP packets rtpengine received from each side of a call (by SIP tag): what it got from one
 * side it relays to the other. Empty when rtpengine does not know the call.
 */
export async function relayedPackets(port: number, callId: string): Promise<Map<string, number>> {
  const answer = await ngCommand(port, { command: 'query', 'call-id': callId });
  const packets = new Map<string, number>();
  if (answer['result'] !== 'ok') return packets;
  const tags = (answer['tags'] ?? {}) as Record<string, Record<string, Bencoded>>;
  for (const [tag, info] of Object.entries(tags)) {
    let count = 0;
    for (const media of (info['medias'] ?? []) as Record<string, Bencoded>[]) {
      for (const stream of (media['streams'] ?? []) as Record<string, Bencoded>[]) {
        const stats = (stream['stats'] ?? {}) as Record<string, Bencoded>;
        count += typeof stats['packets'] === 'number' ? stats['packets'] : 0;
      }
    }
    packets.set(tag, count);
  }
  return packets;
}
