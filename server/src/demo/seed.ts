import { randomUUID } from 'node:crypto';
import { hashPassword } from '../accounts/password.js';
import type { Clock } from '../clock.js';
import {
  countInstances,
  countUsers,
  getMeta,
  insertComments,
  insertContacts,
  insertFilters,
  insertInstance,
  insertLogItems,
  insertMemberships,
  insertProvider,
  insertSkills,
  insertTasks,
  insertUser,
  setMeta,
  upsertAgentStatuses,
  withTransaction,
  type Db,
  type Role,
  type TaskRow,
  type TaskStatus,
  type TaskType,
} from '../db/index.js';
import { saveQueueNumber } from '../db/acd.js';
import {
  CHANNELS,
  DEMO_TITLES,
  FIRST_NAMES,
  LAST_NAMES,
  NORTHWIND_ISSUES,
  NORTHWIND_PRODUCTS,
} from './data.js';
import { pick, seededRandom } from './random.js';
import { syncSeed } from './sync-data.js';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_TASKS = 300;
export const NORTHWIND_TASKS = 40;

export interface DemoLogin {
  email: string;
  name: string;
  instances: string;
}

export type SeedResult = { seeded: true; logins: DemoLogin[] } | { seeded: false; reason: string };

interface Person {
  id: string;
  email: string;
  name: string;
  serviceProvider?: boolean;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const TYPES: readonly TaskType[] = ['call', 'call', 'email', 'email', 'chat', 'manual'];
const STATUSES: readonly TaskStatus[] = ['open', 'open', 'open', 'pending', 'resolved'];
const SKILLS = ['support', 'sales', 'billing'] as const;

function makeTask(
  random: () => number,
  now: number,
  instanceId: string,
  title: string,
  skills: string[],
  assignees: readonly (string | null)[],
): TaskRow {
  const type = pick(random, TYPES);
  const first = pick(random, FIRST_NAMES);
  const last = pick(random, LAST_NAMES);
  const createdAt = now - Math.floor(random() * 30 * DAY);
  const updatedAt = Math.min(now, createdAt + Math.floor(random() * 3 * DAY));
  const status = pick(random, STATUSES);
  // Due times from two days overdue to five days ahead; a third have none.
  const due = random() < 0.33 ? null : now + Math.floor((random() * 7 - 2) * DAY);
  const phone = `+44 20 7946 ${String(Math.floor(random() * 10000)).padStart(4, '0')}`;
  const email = `${first}.${last}@example.com`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return {
    id: randomUUID(),
    instance_id: instanceId,
    type,
    channel: CHANNELS[type],
    title,
    customer_name: `${first} ${last}`,
    customer_phone: type === 'call' || random() < 0.5 ? phone : null,
    customer_email: type === 'email' || random() < 0.5 ? email : null,
    status,
    assignee_id: status === 'open' && random() < 0.3 ? null : pick(random, assignees),
    priority: pick(random, [1, 2, 2, 3, 3, 3, 4, 5]),
    skills: JSON.stringify(skills),
    due_at: due === null ? null : new Date(due).toISOString(),
    created_at: new Date(createdAt).toISOString(),
    updated_at: new Date(updatedAt).toISOString(),
    version: 1,
    description: '',
    contact_id: null,
    offered_to_id: null,
    created_by_id: null,
    offered_by_id: null,
    offer_expires_at: null,
    offer_return: null,
    outcome_tag: null,
    follow_up_of_id: null,
  };
}

/**
 * Seeds the demo tenants only into a database with no users and no instances: it never touches
 * a database that holds data, and marks what it seeded in meta.demo_seeded.
 */
export async function seedDemoIfEmpty(
  db: Db,
  options: { clock?: Clock; scryptLogN?: number } = {},
): Promise<SeedResult> {
  if ((await countUsers(db)) > 0 || (await countInstances(db)) > 0) {
    return { seeded: false, reason: 'the database already holds users or instances' };
  }
  if (await getMeta(db, 'demo_seeded')) {
    return { seeded: false, reason: 'the demo was seeded before' };
  }
  const now = (options.clock ?? (() => new Date()))();
  const nowIso = now.toISOString();
  const random = seededRandom(20240601);
  // One hash for every demo login keeps seeding well under a second.
  const passwordHash = await hashPassword(DEMO_PASSWORD, options.scryptLogN ?? 15);

  const demo = { id: randomUUID(), name: 'Demo', sip_prefix: 'demo', created_at: nowIso };
  const northwind = {
    id: randomUUID(),
    name: 'Northwind',
    sip_prefix: 'northwind',
    created_at: nowIso,
  };
  const person = (email: string, name: string, serviceProvider = false): Person => ({
    id: randomUUID(),
    email,
    name,
    serviceProvider,
  });
  const admin = person('admin@demo.test', 'Ada Admin');
  const alice = person('alice@demo.test', 'Alice Anders');
  const bob = person('bob@demo.test', 'Bob Brown');
  const carol = person('carol@demo.test', 'Carol Chen');
  const provider = person('provider@demo.test', 'Pat Provider', true);
  const people = [admin, alice, bob, carol, provider];

  const member = (
    instanceId: string,
    user: Person,
    role: Role,
    extension: string | null,
    skills: readonly string[] = [],
  ) => ({
    instance_id: instanceId,
    user_id: user.id,
    role,
    extension,
    created_at: nowIso,
    skills: JSON.stringify(skills),
  });

  await withTransaction(db, async (tx) => {
    await insertInstance(tx, demo);
    await insertInstance(tx, northwind);
    for (const p of people) {
      await insertUser(tx, {
        id: p.id,
        email: p.email,
        name: p.name,
        password_hash: passwordHash,
        service_provider: p.serviceProvider ? 1 : 0,
        last_instance_id: null,
        created_at: nowIso,
        updated_at: nowIso,
      });
    }
    await insertMemberships(tx, [
      member(demo.id, admin, 'admin', '1000'),
      // Skills an offer checks: a billing task can go to bob, not to carol (issue 5).
      member(demo.id, alice, 'agent', '1001', ['support', 'sales']),
      member(demo.id, bob, 'agent', '1002', ['support', 'billing']),
      member(demo.id, carol, 'team_leader', '1003', ['support', 'sales']),
      member(northwind.id, carol, 'agent', '2003'),
    ]);
    await insertProvider(tx, { instance_id: demo.id, user_id: provider.id, created_at: nowIso });
    await insertProvider(tx, {
      instance_id: northwind.id,
      user_id: provider.id,
      created_at: nowIso,
    });
    await insertSkills(tx, [
      ...SKILLS.map((name) => ({
        id: randomUUID(),
        instance_id: demo.id,
        name,
        created_at: nowIso,
      })),
      ...['support', 'sales'].map((name) => ({
        id: randomUUID(),
        instance_id: northwind.id,
        name,
        created_at: nowIso,
      })),
    ]);

    // Callers dial 2000 (Kamailio's trunk port) to reach a Ready agent with support.
    const support = { instanceId: demo.id, name: 'Support', skills: ['support'], priority: 3 };
    await saveQueueNumber(tx, { number: '2000', ringSeconds: 30, ...support }, nowIso);

    const demoAssignees = [alice.id, bob.id, carol.id, admin.id, null];
    const demoTasks = Array.from({ length: DEMO_TASKS }, () => {
      const skill = pick(random, SKILLS);
      const extra = random() < 0.15 ? [pick(random, SKILLS)] : [];
      const skills = [...new Set([skill, ...extra])];
      return makeTask(
        random,
        now.getTime(),
        demo.id,
        pick(random, DEMO_TITLES[skill]),
        skills,
        demoAssignees,
      );
    });
    const northwindTasks = Array.from({ length: NORTHWIND_TASKS }, () => {
      const title = `${pick(random, NORTHWIND_PRODUCTS)}: ${pick(random, NORTHWIND_ISSUES)}`;
      return makeTask(
        random,
        now.getTime(),
        northwind.id,
        title,
        [pick(random, ['support', 'sales'])],
        [carol.id, null],
      );
    });
    const extras = [
      syncSeed(
        {
          id: demo.id,
          tasks: demoTasks,
          members: [admin.id, alice.id, bob.id, carol.id],
          leaderId: carol.id,
        },
        nowIso,
        7,
      ),
      syncSeed(
        { id: northwind.id, tasks: northwindTasks, members: [carol.id], leaderId: carol.id },
        nowIso,
        8,
      ),
    ];
    // Contacts first: syncSeed links tasks to them before the tasks are written.
    for (const extra of extras) await insertContacts(tx, extra.contacts);
    await insertTasks(tx, [...demoTasks, ...northwindTasks]);
    for (const extra of extras) {
      await insertComments(tx, extra.comments);
      await insertLogItems(tx, extra.logItems);
      await insertFilters(tx, extra.filters);
      await upsertAgentStatuses(tx, extra.statuses);
    }
    await setMeta(tx, 'demo_seeded', nowIso);
  });

  return {
    seeded: true,
    logins: [
      { email: admin.email, name: admin.name, instances: 'Demo (admin, ext 1000)' },
      { email: alice.email, name: alice.name, instances: 'Demo (agent, ext 1001)' },
      { email: bob.email, name: bob.name, instances: 'Demo (agent, ext 1002)' },
      {
        email: carol.email,
        name: carol.name,
        instances: 'Demo (team leader, ext 1003), Northwind (agent, ext 2003)',
      },
      {
        email: provider.email,
        name: provider.name,
        instances: 'service provider of Demo and Northwind',
      },
    ],
  };
}
