// An in-memory sync server for unit tests, keeping the contract's push rules (seq order, replays
// answered from the record, gaps refused, rejections advance the seq) so the store's tests run
// against behaviour, not against a scripted list of answers.
import type {
  AttachmentRef,
  Change,
  EntityByKind,
  EntityKind,
  Mutation,
  MutationResult,
  PokeHandlers,
  PullResponse,
  PushRequest,
  PushResponse,
  RejectReason,
  SyncTask,
  SyncTransport,
  TransportFailure,
  TransportResult,
} from '../../domain';

type Method = 'push' | 'pull' | 'taskItems' | 'uploadAttachment';
type PutChange = Change & { op: 'put' };

const keyOf = (kind: EntityKind, id: string) => `${kind}:${id}`;

function idOf(change: PutChange): string {
  return change.kind === 'member' || change.kind === 'agentStatus'
    ? change.value.userId
    : change.value.id;
}

export class FakeSyncServer implements SyncTransport {
  readonly entities = new Map<string, PutChange>();
  /** The change sequence: which entity changed at each step (1, 2, 3...). */
  private readonly changeLog: { key: string; kind: EntityKind; id: string }[] = [];
  private readonly nextSeq = new Map<string, number>();
  private readonly recorded = new Map<string, MutationResult>();
  /** Every mutation applied, once each, in the order applied. */
  readonly applied: Mutation[] = [];
  readonly pushes: PushRequest[] = [];
  readonly pulls: (string | null)[] = [];
  readonly uploads: { ref: AttachmentRef; size: number; taskId: string }[] = [];
  private readonly failures: { method: Method; failure: TransportFailure }[] = [];
  private pokeHandlers: PokeHandlers[] = [];
  pageSize = 100;
  maxAttachmentBytes = 10 * 1024 * 1024;
  /** A verdict for a mutation before it is applied: return a reason to reject it. */
  refuse: (mutation: Mutation) => { reason: RejectReason; message: string } | null = () => null;
  /** Tamper with a push's answer (duplicates, missing results). */
  answer: (results: MutationResult[]) => MutationResult[] = (results) => results;

  constructor(readonly userId = 'u1') {}

  /** The next call of `method` fails this way (queue several for several calls). */
  failNext(method: Method, failure: Omit<TransportFailure, 'ok'>, times = 1): void {
    for (let i = 0; i < times; i++)
      this.failures.push({ method, failure: { ok: false, ...failure } });
  }

  private takeFailure(method: Method): TransportFailure | null {
    const index = this.failures.findIndex((entry) => entry.method === method);
    if (index < 0) return null;
    const [entry] = this.failures.splice(index, 1);
    return entry?.failure ?? null;
  }

  /** Server-side writes (a colleague's change, the seed). */
  write(...changes: Change[]): void {
    for (const change of changes) {
      const id = change.op === 'put' ? idOf(change) : change.id;
      const key = keyOf(change.kind, id);
      if (change.op === 'put') this.entities.set(key, change);
      else this.entities.delete(key);
      this.changeLog.push({ key, kind: change.kind, id });
    }
  }

  get<K extends EntityKind>(kind: K, id: string): EntityByKind[K] | undefined {
    return this.entities.get(keyOf(kind, id))?.value as EntityByKind[K] | undefined;
  }

  poke(): void {
    for (const handlers of this.pokeHandlers) handlers.onPoke();
  }

  // --- SyncTransport ------------------------------------------------------------------------

  async push(request: PushRequest): Promise<TransportResult<PushResponse>> {
    this.pushes.push(structuredClone(request));
    const failed = this.takeFailure('push');
    if (failed) return failed;
    const results: MutationResult[] = [];
    for (const mutation of request.mutations) {
      const recordKey = `${request.clientId}:${mutation.seq}`;
      const expected = this.nextSeq.get(request.clientId) ?? 1;
      if (mutation.seq < expected) {
        const recorded = this.recorded.get(recordKey);
        if (recorded) results.push(recorded);
        continue;
      }
      if (mutation.seq > expected) {
        return {
          ok: false,
          kind: 'gap',
          status: 409,
          message: `Expected seq ${expected}.`,
          expectedSeq: expected,
        };
      }
      const result = this.apply(mutation);
      this.recorded.set(recordKey, result);
      this.nextSeq.set(request.clientId, expected + 1);
      results.push(result);
    }
    return { ok: true, value: { results: this.answer(results) } };
  }

  async pull(cursor: string | null): Promise<TransportResult<PullResponse>> {
    this.pulls.push(cursor);
    const failed = this.takeFailure('pull');
    if (failed) return failed;
    const from = cursor === null ? 0 : Number(cursor);
    const page = this.changeLog.slice(from, from + this.pageSize);
    const to = from + page.length;
    // Each entity once, in its current state.
    const keys = [...new Set(page.map((entry) => entry.key))];
    const changes = keys.map((key): Change => {
      const current = this.entities.get(key);
      if (current) return current;
      const entry = page.find((e) => e.key === key);
      return { kind: entry?.kind ?? 'task', op: 'delete', id: entry?.id ?? '' } as Change;
    });
    return { ok: true, value: { changes, cursor: String(to), more: to < this.changeLog.length } };
  }

  async taskItems(taskId: string): Promise<TransportResult<{ changes: Change[] }>> {
    const failed = this.takeFailure('taskItems');
    if (failed) return failed;
    const changes = [...this.entities.values()].filter(
      (change) =>
        (change.kind === 'comment' || change.kind === 'logItem') && change.value.taskId === taskId,
    );
    return { ok: true, value: { changes } };
  }

  async uploadAttachment(
    ref: AttachmentRef,
    blob: Blob,
    taskId: string,
  ): Promise<TransportResult<AttachmentRef>> {
    const failed = this.takeFailure('uploadAttachment');
    if (failed) return failed;
    if (blob.size > this.maxAttachmentBytes) {
      return { ok: false, kind: 'too_large', status: 413, message: 'Too large.' };
    }
    this.uploads.push({ ref, size: blob.size, taskId });
    return { ok: true, value: ref };
  }

  connectPokes(handlers: PokeHandlers): () => void {
    this.pokeHandlers.push(handlers);
    handlers.onOpen();
    return () => {
      this.pokeHandlers = this.pokeHandlers.filter((h) => h !== handlers);
    };
  }

  get pokeListeners(): number {
    return this.pokeHandlers.length;
  }

  // --- applying mutations -------------------------------------------------------------------

  private apply(mutation: Mutation): MutationResult {
    const refusal = this.refuse(mutation) ?? this.rules(mutation);
    if (refusal) {
      return { seq: mutation.seq, status: 'rejected', ...refusal, changes: this.stateOf(mutation) };
    }
    this.applied.push(mutation);
    const at = mutation.createdAt;
    const updateTask = (taskId: string, patch: Partial<SyncTask>) => {
      const task = this.get('task', taskId);
      if (task)
        this.write({ kind: 'task', op: 'put', value: { ...task, ...patch, updatedAt: at } });
    };
    switch (mutation.name) {
      case 'task.create':
        this.write({
          kind: 'task',
          op: 'put',
          value: {
            ...mutation.args,
            status: 'open',
            offeredToId: null,
            createdById: this.userId,
            createdAt: at,
            updatedAt: at,
          },
        });
        break;
      case 'task.setStatus':
        updateTask(mutation.args.taskId, { status: mutation.args.status });
        break;
      case 'task.assign':
        updateTask(mutation.args.taskId, {
          assigneeId: mutation.args.assigneeId,
          offeredToId: null,
        });
        break;
      case 'task.offer':
        updateTask(mutation.args.taskId, { offeredToId: mutation.args.toUserId });
        break;
      case 'comment.add':
        this.write({
          kind: 'comment',
          op: 'put',
          value: { ...mutation.args, authorId: this.userId, createdAt: at },
        });
        break;
      case 'agentStatus.set':
        this.write({
          kind: 'agentStatus',
          op: 'put',
          value: { userId: this.userId, status: mutation.args.status, since: mutation.args.at },
        });
        break;
      case 'filter.save':
        this.write({
          kind: 'filter',
          op: 'put',
          value: { ...mutation.args, ownerId: this.userId, createdAt: at, updatedAt: at },
        });
        break;
      case 'filter.delete':
        this.write({ kind: 'filter', op: 'delete', id: mutation.args.id });
        break;
      case 'call.record':
        this.write({ kind: 'call', op: 'put', value: { ...mutation.args, userId: this.userId } });
        break;
    }
    return { seq: mutation.seq, status: 'ok' };
  }

  /** The contract's rules the tests rely on. */
  private rules(mutation: Mutation): { reason: RejectReason; message: string } | null {
    if (
      (mutation.name === 'task.setStatus' ||
        mutation.name === 'task.assign' ||
        mutation.name === 'task.offer') &&
      !this.get('task', mutation.args.taskId)
    ) {
      return { reason: 'not_found', message: 'The task is gone.' };
    }
    if (mutation.name === 'task.assign') {
      const task = this.get('task', mutation.args.taskId);
      if (task?.assigneeId && task.assigneeId !== mutation.args.assigneeId) {
        return { reason: 'conflict', message: 'A colleague already has this task.' };
      }
    }
    if (mutation.name === 'comment.add') {
      const missing = mutation.args.attachments.find(
        (ref) => !this.uploads.some((upload) => upload.ref.id === ref.id),
      );
      if (missing) return { reason: 'attachment_missing', message: 'An attachment is missing.' };
    }
    return null;
  }

  /** The server's current state of what a mutation touches: its undo on the client. */
  private stateOf(mutation: Mutation): Change[] {
    const touched: { kind: EntityKind; id: string }[] = [];
    switch (mutation.name) {
      case 'task.create':
        touched.push({ kind: 'task', id: mutation.args.id });
        break;
      case 'task.setStatus':
      case 'task.assign':
      case 'task.offer':
        touched.push({ kind: 'task', id: mutation.args.taskId });
        break;
      case 'comment.add':
        touched.push({ kind: 'comment', id: mutation.args.id });
        break;
      case 'agentStatus.set':
        touched.push({ kind: 'agentStatus', id: this.userId });
        break;
      case 'filter.save':
      case 'filter.delete':
        touched.push({ kind: 'filter', id: mutation.args.id });
        break;
      case 'call.record':
        touched.push({ kind: 'call', id: mutation.args.id });
        break;
    }
    return touched.map(
      ({ kind, id }) =>
        this.entities.get(keyOf(kind, id)) ?? ({ kind, op: 'delete', id } as Change),
    );
  }
}
