import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { puts, SyncTestClient, taskArgs } from '../../test-support/sync.js';
import {
  createTestApp,
  TEST_ORIGIN,
  type TestApp,
  type TestClient,
} from '../../test-support/test-app.js';
import { cleanFileName, contentDisposition } from './attachments.js';

// PUT/GET /api/attachments/:id: raw bytes, idempotent by id, downloaded without being rendered.
const MAX = 64 * 1024;
let t: TestApp;
let alice: TestClient; // Demo
let carol: TestClient; // Northwind here

beforeAll(async () => {
  t = await createTestApp({ seed: true, env: { ATTACHMENT_MAX_BYTES: String(MAX) } });
  alice = t.client();
  await alice.signIn('alice@demo.test');
  carol = t.client();
  const me = await carol.signIn('carol@demo.test');
  const northwind = me.memberships.find((m) => m.instanceName === 'Northwind')?.instanceId;
  await carol.post('/api/session/instance', { instanceId: northwind });
});
afterAll(async () => {
  await t.close();
});

function upload(
  client: TestClient,
  id: string,
  name: string,
  body: Buffer | string,
  type = 'image/png',
) {
  return client.request({
    method: 'PUT',
    url: `/api/attachments/${id}?name=${encodeURIComponent(name)}`,
    headers: { 'content-type': type },
    payload: body,
  });
}

describe('PUT /api/attachments/:id', () => {
  it('stores the bytes once: 201, then 200 with the same answer', async () => {
    const id = randomUUID();
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]);
    const first = await upload(alice, id, 'screen.png', bytes);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ id, name: 'screen.png', size: 8, type: 'image/png' });
    const again = await upload(alice, id, 'other.png', Buffer.from('different'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const download = await alice.get(`/api/attachments/${id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
  });

  it('takes any content type, JSON included, as bytes', async () => {
    const id = randomUUID();
    const json = '{"not": "parsed"}';
    const response = await upload(alice, id, 'data.json', json, 'application/json');
    expect(response.statusCode).toBe(201);
    expect(response.json().size).toBe(json.length);
    const download = await alice.get(`/api/attachments/${id}`);
    expect(download.body).toBe(json);
    expect(download.headers['content-type']).toBe('application/octet-stream');
  });

  it('over ATTACHMENT_MAX_BYTES is 413 with a sentence, and nothing is stored', async () => {
    const id = randomUUID();
    const response = await upload(
      alice,
      id,
      'big.bin',
      Buffer.alloc(MAX + 1),
      'application/octet-stream',
    );
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toEqual({
      code: 'payload_too_large',
      message: 'An attachment can be at most 65536 bytes.',
    });
    expect((await alice.get(`/api/attachments/${id}`)).statusCode).toBe(404);
    expect((await upload(alice, randomUUID(), 'max.bin', Buffer.alloc(MAX))).statusCode).toBe(201);
  });

  it('passes the CSRF guard only from our origin', async () => {
    const id = randomUUID();
    const foreign = await alice.request({
      method: 'PUT',
      url: `/api/attachments/${id}?name=a.txt`,
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      payload: 'x',
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('csrf_rejected');
    // JSON routes still refuse other body types.
    const form = await alice.request({
      method: 'POST',
      url: '/api/sync/push',
      headers: { 'content-type': 'text/plain', origin: TEST_ORIGIN },
      payload: '{}',
    });
    expect(form.statusCode).toBe(403);
  });

  it('validates the id and the query, naming the field', async () => {
    const bad = await upload(alice, 'not-a-uuid', 'a.png', 'x');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('params.id is not in the expected format.');
    const noName = await alice.request({
      method: 'PUT',
      url: `/api/attachments/${randomUUID()}`,
      headers: { 'content-type': 'image/png' },
      payload: 'x',
    });
    expect(noName.json().error.message).toBe('querystring is missing the required field "name".');
  });
});

describe('GET /api/attachments/:id', () => {
  it('always downloads: disposition, nosniff, a sandbox CSP, and only safe types as themselves', async () => {
    const html = randomUUID();
    await upload(alice, html, 'page.html', '<script>alert(1)</script>', 'text/html');
    const response = await alice.get(`/api/attachments/${html}`);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="page.html"; filename*=UTF-8''page.html`,
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toMatch(/^sandbox/);
    const pdf = randomUUID();
    await upload(alice, pdf, 'invoice.pdf', '%PDF-1.4', 'application/pdf; charset=binary');
    expect((await alice.get(`/api/attachments/${pdf}`)).headers['content-type']).toBe(
      'application/pdf',
    );
    const svg = randomUUID();
    await upload(alice, svg, 'logo.svg', '<svg onload="alert(1)"/>', 'image/svg+xml');
    expect((await alice.get(`/api/attachments/${svg}`)).headers['content-type']).toBe(
      'application/octet-stream',
    );
  });

  it('names hostile files harmlessly', async () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\x\\evil.exe')).toBe('evil.exe');
    expect(cleanFileName('a\r\nSet-Cookie: x=1.txt')).toBe('aSet-Cookie: x=1.txt');
    expect(cleanFileName('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    expect(cleanFileName('..')).toBe('attachment');
    expect(cleanFileName('x'.repeat(300))).toHaveLength(255);
    expect(contentDisposition('Résumé "final".pdf')).toBe(
      `attachment; filename="R_sum_ _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf`,
    );
    const id = randomUUID();
    const stored = await upload(alice, id, '../x/"quoted";\r\nname.png', 'x');
    expect(stored.json().name).toBe('"quoted";name.png');
    const header = (await alice.get(`/api/attachments/${id}`)).headers['content-disposition'];
    expect(header).toBe(
      `attachment; filename="_quoted_;name.png"; filename*=UTF-8''%22quoted%22%3Bname.png`,
    );
  });

  it("another instance's attachment is 404, and its id cannot be taken over", async () => {
    const id = randomUUID();
    await upload(carol, id, 'northwind.png', 'secret');
    expect((await alice.get(`/api/attachments/${id}`)).statusCode).toBe(404);
    const takeover = await upload(alice, id, 'mine.png', 'mine');
    expect(takeover.statusCode).toBe(409);
    expect((await carol.get(`/api/attachments/${id}`)).body).toBe('secret');
  });
});

describe('comment.add with attachments', () => {
  it('needs every attachment uploaded to this instance, and links them to the task', async () => {
    const a = new SyncTestClient(alice);
    const task = taskArgs();
    await a.do('task.create', task);
    const uploaded = randomUUID();
    await upload(alice, uploaded, 'photo.png', Buffer.alloc(10));
    const foreign = randomUUID();
    await upload(carol, foreign, 'nw.png', 'x');
    const claim = (id: string) => ({ id, name: 'claimed.png', size: 999, type: 'text/html' });

    const missing = await a.do('comment.add', {
      id: randomUUID(),
      taskId: task.id,
      body: 'see attached',
      attachments: [claim(uploaded), claim(randomUUID())],
    });
    expect(missing).toMatchObject({ status: 'rejected', reason: 'attachment_missing' });
    const other = await a.do('comment.add', {
      id: randomUUID(),
      taskId: task.id,
      body: '',
      attachments: [claim(foreign)],
    });
    expect(other).toMatchObject({ reason: 'attachment_missing' });

    const commentId = randomUUID();
    expect(
      await a.do('comment.add', {
        id: commentId,
        taskId: task.id,
        body: '',
        attachments: [claim(uploaded)],
      }),
    ).toEqual({ seq: a.seq, status: 'ok' });
    const { changes } = (await alice.get(`/api/sync/tasks/${task.id}`)).json();
    // The server's description of the file, not the client's claim.
    expect(puts(changes, 'comment')[0]?.attachments).toEqual([
      { id: uploaded, name: 'photo.png', size: 10, type: 'image/png' },
    ]);
    const row = await t.db
      .selectFrom('attachments')
      .select('task_id')
      .where('id', '=', uploaded)
      .executeTakeFirst();
    expect(row?.task_id).toBe(task.id);
  });
});
