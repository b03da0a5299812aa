import { randomUUID } from 'node:crypto';
import { demoPassword } from './pages/sign-in-page.js';

// The server's sync API from Node, for arranging and checking what the Firefox tests do (Vitest
// has no Playwright request context). It talks to the server directly, not through a test's proxy,
// so it still answers while the browser's way to the server is cut.

interface Entity {
  id: string;
  [field: string]: unknown;
}
type Change =
  { kind: string; op: 'put'; value: Entity } | { kind: string; op: 'delete'; id: string };

export interface AttachmentRef {
  id: string;
  name: string;
  size: number;
  type: string;
}

/** A signed-in user's requests: the session cookie, and the same-origin Origin the CSRF guard wants. */
export class SyncApi {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
  ) {}

  static async signIn(baseUrl: string, email: string, password = demoPassword): Promise<SyncApi> {
    const res = await fetch(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`sign in as ${email}: HTTP ${res.status}`);
    const cookie = res.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    return new SyncApi(baseUrl, cookie);
  }

  private async request(path: string, init: { method?: string; json?: unknown } = {}) {
    const headers: Record<string, string> = { cookie: this.cookie, origin: this.baseUrl };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.json === undefined ? null : JSON.stringify(init.json),
    });
    if (!res.ok) {
      throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status} ${await res.text()}`);
    }
    return res;
  }

  /** Creates an unassigned open task as a PWA would (one task.create push); returns its id. */
  async createTask(title: string): Promise<string> {
    const id = randomUUID();
    const mutation = {
      id: randomUUID(),
      seq: 1,
      name: 'task.create',
      createdAt: new Date().toISOString(),
      args: {
        id,
        type: 'manual',
        channel: 'manual',
        title,
        description: '',
        customerName: 'Firefox Test Customer',
        customerPhone: null,
        customerEmail: null,
        contactId: null,
        priority: 2,
        skills: [],
        dueAt: null,
        assigneeId: null,
      },
    };
    const res = await this.request('/api/sync/push', {
      method: 'POST',
      json: { clientId: randomUUID(), mutations: [mutation] },
    });
    const body = JSON.stringify(await res.json());
    if (body !== JSON.stringify({ results: [{ seq: 1, status: 'ok' }] })) {
      throw new Error(`task.create was not applied: ${body}`);
    }
    return id;
  }

  /** The task's comments as the server has them now. */
  async commentsOf(taskId: string): Promise<Entity[]> {
    const res = await this.request(`/api/sync/tasks/${encodeURIComponent(taskId)}`);
    const { changes } = (await res.json()) as { changes: Change[] };
    return changes.flatMap((c) => (c.kind === 'comment' && c.op === 'put' ? [c.value] : []));
  }

  async attachmentBytes(attachmentId: string): Promise<Buffer> {
    const res = await this.request(`/api/attachments/${encodeURIComponent(attachmentId)}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** The signed-in user's id. */
  async userId(): Promise<string> {
    const res = await this.request('/api/me');
    return ((await res.json()) as { user: { id: string } }).user.id;
  }

  async signOut(): Promise<void> {
    await this.request('/api/session', { method: 'DELETE' });
  }
}
