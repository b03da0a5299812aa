// Index ranges read newest first in batches, merged into one list. A batch is one getAll on the
// index (backwards, with a limit), so reading 50 rows is one round trip, not 50 cursor steps; a
// filter that rejects rows makes the next batches larger. Paging is by keyset: each range starts
// at the position of the last row, ties of updatedAt broken by id as the index orders them.
import Dexie from 'dexie';
import type { SyncDb } from './db';
import { byPosition, isAfter, type TaskPosition } from './filter';
import type { StoredTask } from './records';

/** The most rows one batch reads: big enough to pass a selective filter in a few batches. */
const maxBatch = 1000;

export interface Budget {
  /** Rows read so far, by every stream sharing this budget. */
  read: number;
  /** Stop (and report `exhausted`) after reading this many. */
  max: number;
  exhausted: boolean;
}

export class RangeStream {
  private buffer: StoredTask[] = [];
  private done = false;
  private position: TaskPosition | undefined;
  private size: number;

  /**
   * @param index a compound index that ends in updatedAt
   * @param prefix the index key before updatedAt, e.g. [status] or [assigneeKey, status]
   */
  constructor(
    private readonly db: SyncDb,
    private readonly index: string,
    private readonly prefix: readonly (string | number)[],
    after: TaskPosition | undefined,
    private readonly accept: (task: StoredTask) => boolean,
    firstBatch: number,
    private readonly budget: Budget,
  ) {
    this.position = after;
    this.size = Math.max(1, Math.min(maxBatch, firstBatch));
  }

  /** Whether the next row must be read first (callers await only then: see `refill`). */
  get hungry(): boolean {
    return this.buffer.length === 0 && !this.done && !this.budget.exhausted;
  }

  /**
   * Reads until a row is buffered or the range ends. Awaited only when hungry, and with Dexie's
   * promises throughout: a transaction (and a liveQuery) follows its reads through those, but
   * loses them after a chain of plain async functions (PrematureCommitError).
   */
  refill(): Promise<void> {
    return this.hungry ? this.fill().then(() => this.refill()) : Dexie.Promise.resolve();
  }

  /** The next row without taking it; undefined when none is buffered. */
  peek(): StoredTask | undefined {
    return this.buffer[0];
  }

  take(): StoredTask | undefined {
    return this.buffer.shift();
  }

  /** Every buffered row. */
  takeAll(): StoredTask[] {
    return this.buffer.splice(0);
  }

  /** Dexie's own promises only, so the read stays in the caller's transaction and liveQuery. */
  private fill(): Promise<void> {
    const upper = this.position ? this.position.updatedAt : Dexie.maxKey;
    return this.db.tasks
      .where(this.index)
      .between([...this.prefix, Dexie.minKey], [...this.prefix, upper], true, true)
      .reverse()
      .limit(this.size)
      .toArray()
      .then((rows) => this.took(rows));
  }

  private took(rows: StoredTask[]): void {
    this.budget.read += rows.length;
    if (this.budget.read >= this.budget.max) this.budget.exhausted = true;
    if (rows.length < this.size) this.done = true;
    // The range starts at the last row's updatedAt, inclusive: its ties with a higher id (and
    // the row itself) were read before. They come first in a batch.
    const fresh = rows.filter((row) => isAfter(row, this.position));
    const last = fresh[fresh.length - 1];
    if (last) this.position = { updatedAt: last.updatedAt, id: last.id };
    for (const row of fresh) if (this.accept(row)) this.buffer.push(row);
    // More rows to read: fewer passed than asked for (a filter), or none was new (more ties of
    // one time than a batch holds, as a bulk import makes: the batch must outgrow them).
    if (this.done) return;
    if (fresh.length === 0) this.size *= 4;
    else if (this.buffer.length < this.size) this.size = Math.min(maxBatch, this.size * 4);
  }
}

/**
 * The first `limit` rows of all streams in list order. `null` when the budget ran out first (the
 * caller answers another way).
 */
export async function mergeStreams(
  streams: readonly RangeStream[],
  limit: number,
  budget: Budget,
): Promise<StoredTask[] | null> {
  const out: StoredTask[] = [];
  const seen = new Set<string>();
  while (out.length < limit) {
    const hungry = streams.filter((stream) => stream.hungry);
    if (hungry.length > 0) await Dexie.Promise.all(hungry.map((stream) => stream.refill()));
    if (budget.exhausted) return null;
    let best: RangeStream | undefined;
    for (const stream of streams) {
      const head = stream.peek();
      const current = best?.peek();
      if (head && (!current || byPosition(head, current) < 0)) best = stream;
    }
    const row = best?.take();
    if (!row) break;
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    out.push(row);
  }
  return out;
}

export function unlimited(): Budget {
  return { read: 0, max: Infinity, exhausted: false };
}
