// What the local tables hold: the synced entities plus the few fields their indexes need.
import type {
  Mutation,
  RejectReason,
  SyncAgentStatus,
  SyncCall,
  SyncComment,
  SyncContact,
  SyncFilter,
  SyncLogItem,
  SyncMember,
  SyncStatusDefinition,
  SyncTask,
} from '../domain';

/**
 * A search index entry: a word and the task's updatedAt in milliseconds. The multiEntry index
 * sorts by word, then time, so one word's tasks read newest first from one key range.
 */
export type WordKey = [word: string, at: number];

export interface StoredTask extends SyncTask {
  /** assigneeId, or '' for nobody: IndexedDB cannot index null, and "unassigned" is a filter. */
  assigneeKey: string;
  /**
   * Words of title, customer, phone and email, each with updatedAt, for the search index. Absent
   * on rows a bootstrap wrote until the words pass (words-pass.ts) adds them.
   */
  words?: WordKey[];
  /**
   * [status, skill, updatedAt] per required skill, for the multiEntry index `skillKeys`: a skill
   * filter reads one range per status. Absent until keyed, like priorityKey.
   */
  skillKeys?: [string, string, string][];
  /** The type again, for [status+typeKey+updatedAt]; absent until keyed, like priorityKey. */
  typeKey?: string;
  /**
   * The priority again, for the index [status+priorityKey+updatedAt]. Absent (no index entry)
   * on rows a bootstrap wrote, until the words pass adds it with the words.
   */
  priorityKey?: number;
  /**
   * The UTC day of dueAt (days since 1970-01-01), for [status+dueDayKey+updatedAt]: a due-day
   * filter reads its days' ranges. Absent for tasks without a due time, and until indexed.
   */
  dueDayKey?: number;
  /** The UTC hour of dueAt (hours since 1970), for overdue's hours of today. Like dueDayKey. */
  dueHourKey?: number;
}

export interface StoredContact extends SyncContact {
  words: string[];
}

/** An attachment's bytes, kept until the upload succeeded. */
export interface PendingAttachment {
  id: string;
  taskId: string;
  blob: Blob;
  name: string;
  type: string;
  size: number;
  /** Set when the server refused the bytes (too large): shown as the rejection's reason. */
  failure?: string;
}

/** The outbox row is the mutation itself; `seq` is its key, so the table reads in push order. */
export type OutboxRow = Mutation;

export interface RejectedRow {
  /** The mutation's id. */
  id: string;
  mutation: Mutation;
  /** `local`: refused before reaching the server (e.g. an attachment too large to upload). */
  reason: RejectReason | 'local';
  message: string;
  rejectedAt: string;
}

export interface MetaValues {
  /** UUID made once per database: the server counts seqs per clientId. */
  clientId: string;
  /** The seq the next mutation gets (1, 2, 3...). */
  nextSeq: number;
  cursor: string;
  lastSyncAt: string;
  /** The first pull reached its last page. */
  bootstrapped: boolean;
  /** The user this database belongs to (the service worker needs it to rebase). */
  userId: string;
  /**
   * Set (to a token of the bootstrap) while tasks a bootstrap wrote lack their search words and
   * filter keys; searches then read the lists instead of the word index, and priority and due
   * filters test the rows of the status lists (words-pass.ts).
   */
  wordsPending: string;
}
export type MetaKey = keyof MetaValues;
export interface MetaRow {
  key: MetaKey;
  value: unknown;
}

export type {
  SyncAgentStatus,
  SyncCall,
  SyncComment,
  SyncFilter,
  SyncLogItem,
  SyncMember,
  SyncStatusDefinition,
  SyncTask,
};
