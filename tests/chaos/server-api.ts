import type { Change, PullResponse } from '../../src/domain';

// The server's sync API read straight from the server (not through the proxy): what it holds is
// the truth the chaos run checks against its model.
export interface Session {
  cookie: string;
  userId: string;
  instanceId: string;
}

export async function signIn(serverUrl: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${serverUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: serverUrl },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign in as ${email}: HTTP ${res.status}`);
  const me = (await res.json()) as { user: { id: string }; currentInstance: { id: string } | null };
  if (!me.currentInstance) throw new Error(`${email} has no current instance`);
  const cookie = res.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  return { cookie, userId: me.user.id, instanceId: me.currentInstance.id };
}

async function getJson<T>(serverUrl: string, session: Session, path: string): Promise<T> {
  const res = await fetch(`${serverUrl}${path}`, { headers: { cookie: session.cookie } });
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every page from `cursor` on (null: the bootstrap); returns the changes and the last cursor. */
export async function pullAll(
  serverUrl: string,
  session: Session,
  cursor: string | null,
): Promise<{ changes: Change[]; cursor: string }> {
  const changes: Change[] = [];
  let at = cursor;
  for (;;) {
    const query = at === null ? '' : `?cursor=${encodeURIComponent(at)}`;
    const page = await getJson<PullResponse>(serverUrl, session, `/api/sync/pull${query}`);
    changes.push(...page.changes);
    at = page.cursor;
    if (!page.more) return { changes, cursor: at };
  }
}

/** One task with its comments and log; null when the server has no such task. */
export async function taskDetail(
  serverUrl: string,
  session: Session,
  taskId: string,
): Promise<Change[] | null> {
  const res = await fetch(`${serverUrl}/api/sync/tasks/${encodeURIComponent(taskId)}`, {
    headers: { cookie: session.cookie },
  });
  if (res.status === 404) return null;
  if (res.status !== 200) throw new Error(`GET task ${taskId}: HTTP ${res.status}`);
  return ((await res.json()) as { changes: Change[] }).changes;
}
