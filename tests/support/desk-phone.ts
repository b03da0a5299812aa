import dgram from 'node:dgram';
import { makeSipCredentials } from '../../server/src/sip/credentials.js';
import { header, SipClient, type SipMessage } from '../sip/sip-client.js';
import { readControl } from './kamailio.js';

// A plain SIP desk phone for the e2e stack: registers over UDP with credentials minted from the
// stack's secret, answers one call with plain RTP (PCMU + telephone-event) on a socket of its
// own, and decodes the RFC 4733 events it receives. What arrives here crossed Kamailio and
// rtpengine (the browser's SRTP turned into plain RTP), like a real phone on a trunk.

export interface DeskPhone {
  /** Waits for the INVITE and answers it; resolves once the ACK came. */
  answerNext(timeoutMs?: number): Promise<void>;
  /** The DTMF keys received so far as RFC 4733 events, in order ("12#"). */
  keys(): string;
  /** RTP packets of the call's audio codec received so far. */
  audioPackets(): number;
  /** Waits for the caller's BYE and confirms it. */
  hungUp(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const eventKeys = '0123456789*#';

export async function registerDeskPhone(controlFile: string, sipUser: string): Promise<DeskPhone> {
  const control = readControl(controlFile);
  const [prefix = '', extension = ''] = sipUser.split('-');
  const minted = makeSipCredentials({
    secret: control.secret,
    sipPrefix: prefix,
    extension,
    displayName: sipUser,
    domain: control.domain,
    wsUrl: `ws://127.0.0.1:${control.wsPort}`,
    now: new Date(),
    ttlSeconds: 600,
  });
  const sip = await SipClient.udp(control.udpPort, sipUser, control.domain);
  const registered = await sip.register({
    username: minted.authorizationUser,
    password: minted.password,
  });
  if (registered.status !== 200) throw new Error(`desk phone REGISTER: ${registered.startLine}`);

  const rtp = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => rtp.bind(0, '127.0.0.1', resolve));
  let eventPayload = -1;
  let audio = 0;
  let keys = '';
  let lastEventTimestamp: number | null = null;
  rtp.on('message', (packet) => {
    if (packet.length < 12 || packet[0] === undefined || packet[0] >> 6 !== 2) return;
    const payloadType = (packet[1] ?? 0) & 0x7f;
    if (payloadType === 0) audio += 1;
    if (payloadType !== eventPayload) return;
    // One event is sent as several packets sharing its RTP timestamp (RFC 4733 2.5).
    const timestamp = packet.readUInt32BE(4);
    const offset = 12 + 4 * ((packet[0] ?? 0) & 0x0f);
    const event = packet[offset];
    if (event === undefined || timestamp === lastEventTimestamp) return;
    lastEventTimestamp = timestamp;
    keys += eventKeys[event] ?? '?';
  });

  let invite: SipMessage | null = null;
  let silence: ReturnType<typeof setInterval> | null = null;

  return {
    async answerNext(timeoutMs = 15_000) {
      invite = await sip.nextRequest('INVITE', timeoutMs);
      const offer = invite.body;
      eventPayload = Number(/^a=rtpmap:(\d+) telephone-event\/8000/m.exec(offer)?.[1] ?? -1);
      if (eventPayload < 0) throw new Error(`no telephone-event/8000 offered:\n${offer}`);
      const port = rtp.address().port;
      const answer = [
        'v=0',
        'o=desk 1 1 IN IP4 127.0.0.1',
        's=-',
        'c=IN IP4 127.0.0.1',
        't=0 0',
        `m=audio ${port} RTP/AVP 0 ${eventPayload}`,
        'a=rtpmap:0 PCMU/8000',
        `a=rtpmap:${eventPayload} telephone-event/8000`,
        `a=fmtp:${eventPayload} 0-15`,
        'a=sendrecv',
        '',
      ].join('\r\n');
      sip.reply(invite, 200, 'OK', 'desktag', answer);
      await sip.nextRequest('ACK', timeoutMs);
      // Send PCMU silence to rtpengine's side of the call, as a phone would (20 ms packets).
      const remoteHost = /^c=IN IP4 (\S+)/m.exec(offer)?.[1] ?? '127.0.0.1';
      const remotePort = Number(/^m=audio (\d+)/m.exec(offer)?.[1]);
      let seq = 0;
      const ssrc = 0x5eed;
      silence = setInterval(() => {
        const packet = Buffer.alloc(12 + 160, 0xff); // 0xff: PCMU silence
        packet[0] = 0x80;
        packet[1] = 0;
        packet.writeUInt16BE(seq++ & 0xffff, 2);
        packet.writeUInt32BE((seq * 160) >>> 0, 4);
        packet.writeUInt32BE(ssrc, 8);
        rtp.send(packet, remotePort, remoteHost);
      }, 20);
    },
    keys: () => keys,
    audioPackets: () => audio,
    async hungUp(timeoutMs = 10_000) {
      const bye = await sip.nextRequest('BYE', timeoutMs);
      sip.reply(bye, 200, 'OK', /tag=([^;>\s]+)/.exec(header(bye, 'to'))?.[1]);
      if (silence) clearInterval(silence);
      silence = null;
    },
    async close() {
      if (silence) clearInterval(silence);
      await sip.register(
        { username: minted.authorizationUser, password: minted.password },
        { expires: 0 },
      );
      await sip.close();
      await new Promise<void>((resolve) => rtp.close(() => resolve()));
    },
  };
}
