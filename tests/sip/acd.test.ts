import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/src/app.js';
import { parseConfig } from '../../server/src/config.js';
import { migrateToLatest, openDatabase, type OpenDatabase } from '../../server/src/db/index.js';
import { seedDemoIfEmpty } from '../../server/src/demo/seed.js';
import type { App } from '../../server/src/http/types.js';
import { makeSipCredentials } from '../../server/src/sip/credentials.js';
import { freePort, startKamailio, type RunningKamailio } from '../support/kamailio.js';
import { header, SipClient } from './sip-client.js';

// Queue calls through the real Kamailio asking the real server (the app in this process, on
// SQLite, listening on loopback) over HTTP: what reaches the agent, what the caller hears, and
// what the server wrote. The browser is played by a SIP-over-WebSocket client.
let kamailio: RunningKamailio;
let t: { app: App; db: OpenDatabase['db'] };
let database: OpenDatabase;
let demoId: string;
const dir = mkdtempSync(join(tmpdir(), 'sb-acd-sip-'));
const clients: SipClient[] = [];

beforeAll(async () => {
  const port = await freePort(new Set());
  kamailio = await startKamailio({ serverUrl: `http://127.0.0.1:${port}` });
  database = openDatabase(`sqlite:${join(dir, 'acd.db')}`);
  await migrateToLatest(database.db);
  await seedDemoIfEmpty(database.db, { scryptLogN: 10 });
  const config = parseConfig({
    PORT: String(port),
    DATABASE_URL: `sqlite:${join(dir, 'acd.db')}`,
    LOG_LEVEL: 'silent',
    SCRYPT_LOG_N: '10',
    BUILD_ID: 'test',
    WEB_ROOT: '/nonexistent-web-root',
    SIP_SECRET: kamailio.secret,
  });
  const app = await buildApp({ config, db: database.db, sweepers: false });
  await app.listen({ host: '127.0.0.1', port });
  t = { app, db: database.db };
  const demo = await t.db.selectFrom('instances').select('id').where('sip_prefix', '=', 'demo');
  demoId = (await demo.executeTakeFirstOrThrow()).id;
}, 30_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await kamailio?.stop();
  await t?.app.close();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Only `email` is Ready (and the one idle longest); everyone else Offline. */
async function onlyReady(email: string): Promise<string> {
  const user = await t.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  await t.db
    .updateTable('agent_statuses')
    .set({ status: 'offline', last_routed_at: null })
    .where('instance_id', '=', demoId)
    .execute();
  await t.db
    .updateTable('agent_statuses')
    .set({ status: 'ready', since: new Date(Date.now() - 60_000).toISOString() })
    .where('instance_id', '=', demoId)
    .where('user_id', '=', user.id)
    .execute();
  return user.id;
}

async function registered(sipUser: string): Promise<SipClient> {
  const client = await SipClient.websocket(kamailio.wsUrl, sipUser, kamailio.domain);
  clients.push(client);
  const [prefix = '', extension = ''] = sipUser.split('-');
  const minted = makeSipCredentials({
    secret: kamailio.secret,
    sipPrefix: prefix,
    extension,
    displayName: sipUser,
    domain: kamailio.domain,
    wsUrl: kamailio.wsUrl,
    now: new Date(),
    ttlSeconds: 600,
  });
  const response = await client.register({
    username: minted.authorizationUser,
    password: minted.password,
  });
  expect(response.status, response.startLine).toBe(200);
  return client;
}

async function trunk(): Promise<SipClient> {
  const client = await SipClient.udp(kamailio.trunkPort, 'trunk', kamailio.domain);
  clients.push(client);
  return client;
}

const plainOffer = [
  'v=0',
  'o=trunk 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 16100 RTP/AVP 8',
  'a=rtpmap:8 PCMA/8000',
  'a=sendrecv',
  '',
].join('\r\n');

describe('queue calls (ACD) through Kamailio and the server', () => {
  it('rings the agent the server names with the task id; a decline leaves them Missed and the caller busy', async () => {
    const carolId = await onlyReady('carol@demo.test');
    const carol = await registered('demo-1003');
    const caller = await trunk();
    const calling = caller.request('INVITE', {
      uri: `sip:2000@${kamailio.domain}`,
      // A caller may not name a task: Kamailio strips it and sets its own.
      headers: ['X-Switchboard-Task: 00000000-0000-4000-8000-000000000000'],
      body: plainOffer,
    });
    const invite = await carol.nextRequest('INVITE', 10_000);
    const taskId = header(invite, 'x-switchboard-task');
    const task = await t.db
      .selectFrom('tasks')
      .selectAll()
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({ type: 'call', offered_to_id: carolId, assignee_id: null });
    expect(invite.raw.match(/^X-Switchboard-Task:/gim)).toHaveLength(1);

    carol.reply(invite, 603, 'Decline');
    expect((await calling).status).toBe(486);
    const status = await t.db
      .selectFrom('agent_statuses')
      .select('status')
      .where('instance_id', '=', demoId)
      .where('user_id', '=', carolId)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('missed');
    const after = await t.db
      .selectFrom('tasks')
      .select(['offered_to_id', 'assignee_id', 'status'])
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ offered_to_id: null, assignee_id: null, status: 'open' });
  });

  it('strips a task id a caller sends to a user directly', async () => {
    const bob = await registered('demo-1002');
    const caller = await trunk();
    const calling = caller.request('INVITE', {
      uri: `sip:demo-1002@${kamailio.domain}`,
      headers: ['X-Switchboard-Task: 00000000-0000-4000-8000-000000000000'],
      body: plainOffer,
    });
    const invite = await bob.nextRequest('INVITE', 10_000);
    expect(invite.raw).not.toMatch(/X-Switchboard-Task/i);
    bob.reply(invite, 486, 'Busy Here');
    expect((await calling).status).toBe(486);
  });

  it('answers 503 when the server refuses the number (no queue has it)', async () => {
    const caller = await trunk();
    const response = await caller.request('INVITE', {
      uri: `sip:2999@${kamailio.domain}`,
      body: plainOffer,
    });
    expect(response.startLine).toBe('SIP/2.0 503 Queue unavailable');
  });
});
