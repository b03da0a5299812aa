import { randomUUID } from 'node:crypto';
import type {
  AgentStatusesTable,
  CommentsTable,
  ContactsTable,
  LogItemsTable,
  SavedFiltersTable,
  TaskRow,
} from '../db/index.js';
import { FIRST_NAMES, LAST_NAMES } from './data.js';
import { pick, seededRandom } from './random.js';

// The demo's sync entities (issue 4): contacts, a few comments, a log, shared filters, statuses.

export const CONTACTS_PER_INSTANCE = 40;

const COMPANIES = [
  'Acme Ltd',
  'Globex',
  'Initech',
  'Umbrella Foods',
  'Stark Logistics',
  'Wayne Retail',
  null,
  null,
] as const;

const COMMENTS = [
  'Called the customer, left a voicemail.',
  'Customer confirmed the details by email.',
  'Escalated to second line, waiting for an answer.',
  'Sent the instructions again; they will try tonight.',
  'Customer asked us to call back after 3 pm.',
] as const;

export interface SyncSeed {
  contacts: ContactsTable[];
  comments: CommentsTable[];
  logItems: LogItemsTable[];
  filters: SavedFiltersTable[];
  statuses: AgentStatusesTable[];
}

interface SeedInstance {
  id: string;
  tasks: TaskRow[];
  members: string[];
  /** Owner of the instance's shared filters. */
  leaderId: string;
}

/**
 * Sync rows for one instance. Tasks get their contact where a contact has the customer's phone
 * (so a caller is recognised), a 'created' log item each, and some get a comment by the assignee.
 */
export function syncSeed(instance: SeedInstance, nowIso: string, seed: number): SyncSeed {
  const random = seededRandom(seed);
  const contacts: ContactsTable[] = [];
  // Half the contacts are task customers (same name and phone), the rest only in the address book.
  const customers = instance.tasks.filter((t) => t.customer_phone !== null);
  for (let i = 0; i < CONTACTS_PER_INSTANCE; i++) {
    const task = i % 2 === 0 ? customers[i] : undefined;
    const name = task?.customer_name ?? `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
    const contact: ContactsTable = {
      id: randomUUID(),
      instance_id: instance.id,
      name,
      company: pick(random, COMPANIES),
      phone: task?.customer_phone ?? `+44 20 7946 ${String(5000 + i).padStart(4, '0')}`,
      email: task?.customer_email ?? null,
      updated_at: nowIso,
    };
    contacts.push(contact);
    for (const t of instance.tasks) {
      if (t.customer_phone !== null && t.customer_phone === contact.phone)
        t.contact_id = contact.id;
    }
  }

  const logItems: LogItemsTable[] = instance.tasks.map((t) => ({
    id: randomUUID(),
    instance_id: instance.id,
    task_id: t.id,
    actor_id: null,
    kind: 'created',
    data: '{}',
    created_at: t.created_at,
  }));
  const comments: CommentsTable[] = [];
  for (const t of instance.tasks) {
    if (t.assignee_id === null || random() > 0.1) continue;
    const id = randomUUID();
    comments.push({
      id,
      instance_id: instance.id,
      task_id: t.id,
      author_id: t.assignee_id,
      body: pick(random, COMMENTS),
      attachments: '[]',
      created_at: t.updated_at,
    });
    logItems.push({
      id: randomUUID(),
      instance_id: instance.id,
      task_id: t.id,
      actor_id: t.assignee_id,
      kind: 'comment',
      data: JSON.stringify({ commentId: id }),
      created_at: t.updated_at,
    });
  }

  const filter = (name: string, query: Record<string, unknown>): SavedFiltersTable => ({
    id: randomUUID(),
    instance_id: instance.id,
    owner_id: instance.leaderId,
    name,
    shared: 1,
    query: JSON.stringify(query),
    created_at: nowIso,
    updated_at: nowIso,
  });
  return {
    contacts,
    comments,
    logItems,
    filters: [
      filter('Open and urgent', { status: ['open'], priorityAtLeast: 4 }),
      filter('Unassigned', { status: ['open', 'pending'], assignee: 'none' }),
    ],
    statuses: instance.members.map((userId) => ({
      instance_id: instance.id,
      user_id: userId,
      status: 'offline',
      since: nowIso,
    })),
  };
}
