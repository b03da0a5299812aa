import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSipCredentials } from '../../server/src/sip/credentials.js';
import { startKamailio, type RunningKamailio } from '../support/kamailio.js';
import { header, SipClient } from './sip-client.js';

// The real Kamailio (deploy/kamailio/run.sh) with credentials minted by the server's own code,
// spoken to over WebSocket (as JsSIP does) and UDP. No SIP mock.

let kamailio: RunningKamailio;
const clients: SipClient[] = [];

beforeAll(async () => {
  kamailio = await startKamailio();
}, 25_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await kamailio?.stop();
});

function credentials(sipUser: string, options: { ttlSeconds?: number; secret?: string } = {}) {
  const [prefix = '', extension = ''] = sipUser.split('-');
  const minted = makeSipCredentials({
    secret: options.secret ?? kamailio.secret,
    sipPrefix: prefix,
    extension,
    displayName: sipUser,
    domain: kamailio.domain,
    wsUrl: kamailio.wsUrl,
    now: new Date(),
    ttlSeconds: options.ttlSeconds ?? 600,
  });
  return { username: minted.authorizationUser, password: minted.password };
}

async function browser(sipUser: string): Promise<SipClient> {
  const client = await SipClient.websocket(kamailio.wsUrl, sipUser, kamailio.domain);
  clients.push(client);
  return client;
}

async function registered(sipUser: string): Promise<SipClient> {
  const client = await browser(sipUser);
  const response = await client.register(credentials(sipUser));
  expect(response.status, response.startLine).toBe(200);
  return client;
}

describe('Kamailio registrar with auth_ephemeral', () => {
  it('registers valid credentials over WebSocket (200 after one challenge)', async () => {
    const alice = await browser('demo-1001');
    const response = await alice.register(credentials('demo-1001'));
    expect(response.startLine).toBe('SIP/2.0 200 OK');
    expect(header(response, 'contact')).toContain('demo-1001@');
  });

  it('refuses a wrong password with 403', async () => {
    const alice = await browser('demo-1001');
    const wrong = credentials('demo-1001', { secret: 'not-the-secret-at-all' });
    const response = await alice.register(wrong);
    expect(response.startLine).toBe('SIP/2.0 403 Wrong credentials');
  });

  it('refuses expired credentials with 403 "Credentials expired"', async () => {
    const alice = await browser('demo-1001');
    const response = await alice.register(credentials('demo-1001', { ttlSeconds: -5 }));
    expect(response.startLine).toBe('SIP/2.0 403 Credentials expired');
  });

  it("refuses one user's credentials for another AoR", async () => {
    const bob = await browser('demo-1002');
    const response = await bob.register(credentials('demo-1002'), {
      aor: `sip:demo-1001@${kamailio.domain}`,
    });
    expect(response.startLine).toBe('SIP/2.0 403 Credentials do not match user');
  });

  it('registers a device over UDP on the device port', async () => {
    const phone = await SipClient.udp(kamailio.udpPort, 'demo-1005', kamailio.domain);
    clients.push(phone);
    const response = await phone.register(credentials('demo-1005'));
    expect(response.startLine).toBe('SIP/2.0 200 OK');
  });

  it('registers over secure WebSocket (WSS) with the certificate made at start', async () => {
    const secure = await SipClient.websocket(kamailio.wssUrl, 'demo-1001', kamailio.domain, {
      ca: kamailio.tlsCertificate(),
    });
    clients.push(secure);
    const response = await secure.register(credentials('demo-1001'));
    expect(response.startLine).toBe('SIP/2.0 200 OK');
  });

  it('refuses a WSS client that does not trust the certificate', async () => {
    await expect(
      SipClient.websocket(kamailio.wssUrl, 'demo-1001', kamailio.domain),
    ).rejects.toThrow(/self[- ]signed|certificate/i);
  });

  it('answers OPTIONS to the server with 200 (keep-alive) without credentials', async () => {
    const alice = await browser('demo-1001');
    const response = await alice.request('OPTIONS', { uri: `sip:${kamailio.domain}` });
    expect(response.status).toBe(200);
  });
});

describe('Kamailio proxy', () => {
  it('connects a call between two browsers and carries ACK and BYE in the dialog', async () => {
    const alice = await registered('demo-1001');
    const bob = await registered('demo-1002');
    const calling = alice.request('INVITE', {
      uri: `sip:demo-1002@${kamailio.domain}`,
      body: 'v=0\r\n',
      credentials: credentials('demo-1001'),
    });
    const invite = await bob.nextRequest('INVITE');
    expect(header(invite, 'from')).toContain('demo-1001');
    expect(invite.headers.get('record-route')?.length).toBeGreaterThan(0);
    bob.reply(invite, 180, 'Ringing', 'bobtag');
    bob.reply(invite, 200, 'OK', 'bobtag', 'v=0\r\n');
    const ok = await calling;
    expect(ok.status).toBe(200);
    // The browser's Contact came back aliased to its WebSocket connection.
    expect(header(ok, 'contact')).toContain('alias=');

    const dialog = alice.acknowledge(ok);
    await bob.nextRequest('ACK');
    alice.inDialog(dialog, 'BYE');
    const bye = await bob.nextRequest('BYE');
    bob.reply(bye, 200, 'OK');
    const byeOk = await alice.next((m) => m.status === 200 && m.method === 'BYE', '200 to BYE');
    expect(byeOk.startLine).toBe('SIP/2.0 200 OK');
  });

  it('refuses a call to another instance with 403, even to a registered user', async () => {
    await registered('northwind-2003');
    const alice = await registered('demo-1001');
    const response = await alice.request('INVITE', {
      uri: `sip:northwind-2003@${kamailio.domain}`,
      body: 'v=0\r\n',
      credentials: credentials('demo-1001'),
    });
    expect(response.startLine).toBe('SIP/2.0 403 Other instance');
    const message = await alice.request('MESSAGE', {
      uri: `sip:northwind-2003@${kamailio.domain}`,
      body: 'hi',
      credentials: credentials('demo-1001'),
    });
    expect(message.status).toBe(403);
  });

  it('answers 480 for an unregistered user and 404 for a target that is no SIP user', async () => {
    const alice = await registered('demo-1001');
    const offline = await alice.request('INVITE', {
      uri: `sip:demo-1999@${kamailio.domain}`,
      body: 'v=0\r\n',
      credentials: credentials('demo-1001'),
    });
    expect(offline.status).toBe(480);
    const unknown = await alice.request('INVITE', {
      uri: `sip:bob@${kamailio.domain}`,
      body: 'v=0\r\n',
      credentials: credentials('demo-1001'),
    });
    expect(unknown.status).toBe(404);
  });

  it("refuses a call made with one user's credentials as another caller", async () => {
    const bob = await browser('demo-1001'); // claims to be alice in From ...
    const response = await bob.request('INVITE', {
      uri: `sip:demo-1003@${kamailio.domain}`,
      body: 'v=0\r\n',
      credentials: credentials('demo-1002'), // ... with bob's credentials
    });
    expect(response.startLine).toBe('SIP/2.0 403 Credentials do not match user');
  });

  it('rings a registered browser from the loopback trunk port without authentication', async () => {
    const carol = await registered('demo-1003');
    const trunk = await SipClient.udp(kamailio.trunkPort, 'trunk', kamailio.domain);
    clients.push(trunk);
    const calling = trunk.request('INVITE', {
      uri: `sip:demo-1003@${kamailio.domain}`,
      body: plainOffer(),
    });
    const invite = await carol.nextRequest('INVITE');
    carol.reply(invite, 486, 'Busy Here');
    expect((await calling).status).toBe(486);
    const missing = await trunk.request('INVITE', {
      uri: `sip:demo-1888@${kamailio.domain}`,
      body: plainOffer(),
    });
    expect(missing.status).toBe(480);
  });
});

// A trunk or device offers plain RTP (what sipp sends); a browser answers WebRTC (what Chromium
// sends: ICE, DTLS-SRTP, rtcp-mux, BUNDLE).
function plainOffer(port = 16000): string {
  return [
    'v=0',
    'o=trunk 1 1 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP 8 101`,
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=sendrecv',
    '',
  ].join('\r\n');
}

function webrtcAnswer(port = 17000): string {
  const fingerprint = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16)).join(':');
  return [
    'v=0',
    'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS',
    // After gathering (JsSIP waits for it or for ready()) Chromium puts its default candidate
    // in m= and c=; 0.0.0.0 would read as an old-style hold.
    `m=audio ${port} UDP/TLS/RTP/SAVPF 8`,
    'c=IN IP4 127.0.0.1',
    `a=rtcp:${port} IN IP4 127.0.0.1`,
    `a=candidate:1 1 udp 2122260223 127.0.0.1 ${port} typ host generation 0`,
    'a=ice-ufrag:Sb0x',
    'a=ice-pwd:switchboardtestpasswordx',
    `a=fingerprint:sha-256 ${fingerprint.toUpperCase()}`,
    'a=setup:active',
    'a=mid:0',
    'a=sendrecv',
    'a=rtcp-mux',
    'a=rtpmap:8 PCMA/8000',
    '',
  ].join('\r\n');
}

describe('rtpengine anchors calls that leave WebRTC', () => {
  it('gives the browser a WebRTC offer and the trunk a plain answer, both through rtpengine', async () => {
    const carol = await registered('demo-1103');
    const trunk = await SipClient.udp(kamailio.trunkPort, 'trunk', kamailio.domain);
    clients.push(trunk);
    const calling = trunk.request('INVITE', {
      uri: `sip:demo-1103@${kamailio.domain}`,
      body: plainOffer(16000),
    });
    const invite = await carol.nextRequest('INVITE');
    // Toward the browser: ICE candidates of rtpengine, DTLS-SRTP (no SDES), rtcp-mux, a mid.
    expect(invite.body).toMatch(/^m=audio \d+ (UDP\/TLS\/)?RTP\/SAVPF 8/m);
    expect(invite.body).toMatch(/^a=candidate:.* 127\.0\.0\.1 \d+ typ host/m);
    expect(invite.body).toMatch(/^a=ice-ufrag:/m);
    expect(invite.body).toMatch(/^a=fingerprint:/m);
    expect(invite.body).toMatch(/^a=rtcp-mux/m);
    expect(invite.body).toMatch(/^a=mid:/m);
    expect(invite.body).not.toMatch(/^a=crypto:/m);
    expect(invite.body).not.toMatch(/^m=audio 16000 /m);
    expect(header(invite, 'record-route')).toContain('rtpe=1');

    carol.reply(invite, 200, 'OK', 'caroltag', webrtcAnswer(17000));
    const ok = await calling;
    expect(ok.status).toBe(200);
    // Toward the trunk: plain RTP on an rtpengine port, no ICE, no DTLS.
    expect(ok.body).toMatch(/^m=audio \d+ RTP\/AVP 8/m);
    expect(ok.body).toMatch(/^a=sendrecv/m);
    expect(ok.body).toMatch(/^c=IN IP4 127\.0\.0\.1/m);
    expect(ok.body).not.toMatch(/^a=(candidate|ice-ufrag|fingerprint|setup):/m);
    expect(ok.body).not.toMatch(/^m=audio 17000 /m);

    const dialog = trunk.acknowledge(ok);
    await carol.nextRequest('ACK');
    trunk.inDialog(dialog, 'BYE');
    const bye = await carol.nextRequest('BYE');
    carol.reply(bye, 200, 'OK');
    const byeOk = await trunk.next((m) => m.status === 200 && m.method === 'BYE', '200 to BYE');
    expect(byeOk.status).toBe(200);
  });

  it('gives a device called by a browser a plain offer', async () => {
    const phone = await SipClient.udp(kamailio.udpPort, 'demo-1106', kamailio.domain);
    clients.push(phone);
    expect((await phone.register(credentials('demo-1106'))).status).toBe(200);
    const alice = await registered('demo-1101');
    const offer = webrtcAnswer(17002).replace('a=setup:active', 'a=setup:actpass');
    const calling = alice.request('INVITE', {
      uri: `sip:demo-1106@${kamailio.domain}`,
      body: offer,
      credentials: credentials('demo-1101'),
    });
    const invite = await phone.nextRequest('INVITE');
    expect(invite.body).toMatch(/^m=audio \d+ RTP\/AVP 8/m);
    expect(invite.body).not.toMatch(/^a=(candidate|ice-ufrag|fingerprint):/m);
    phone.reply(invite, 603, 'Decline');
    expect((await calling).status).toBe(603);
  });

  it('leaves a browser-to-browser offer untouched (peer to peer)', async () => {
    const alice = await registered('demo-1101');
    const bob = await registered('demo-1102');
    const offer = webrtcAnswer(17004).replace('a=setup:active', 'a=setup:actpass');
    const calling = alice.request('INVITE', {
      uri: `sip:demo-1102@${kamailio.domain}`,
      body: offer,
      credentials: credentials('demo-1101'),
    });
    const invite = await bob.nextRequest('INVITE');
    expect(invite.body).toBe(offer);
    expect(header(invite, 'record-route')).not.toContain('rtpe=1');
    bob.reply(invite, 486, 'Busy Here');
    expect((await calling).status).toBe(486);
  });
});
