// @ts-check
// Believable tasks for the store benchmarks: about 1.1 KB each as JSON, with titles, names,
// emails and phone numbers drawn from lists big enough that a word search finds tens to
// hundreds of tasks among 100k, not all of them. Seeded, so every run stores the same words.

import { FIRST_NAMES, LAST_NAMES } from '../../server/src/demo/data';

/** @typedef {import('../../src/domain').SyncTask} SyncTask */
/** @typedef {import('../../src/domain').MutationArgs} MutationArgs */

/** @param {number} seed */
export function seededRandom(seed) {
  let a = seed >>> 0;
  // mulberry32
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @template T
 * @param {() => number} random
 * @param {readonly T[]} list
 * @returns {T}
 */
export function pick(random, list) {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** @param {() => number} random */
function uuid(random) {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The demo's names (server/src/demo/data.ts) and more, for 100k believable customers. */
export const firstNames = [
  ...FIRST_NAMES,
  'Greta',
  'Arjun',
  'Maja',
  'Santiago',
  'Elif',
  'Oskar',
  'Leila',
  'Viktor',
  'Anouk',
  'Dmitri',
  'Sienna',
  'Tariq',
  'Ingrid',
  'Mario',
  'Nadia',
  'Pavel',
  'Ruth',
  'Samir',
  'Tove',
  'Wanjiru',
];

/** The demo's names (server/src/demo/data.ts) and more, for 100k believable customers. */
export const lastNames = [
  ...LAST_NAMES,
  'Berg',
  'Becker',
  'Castillo',
  'Dalton',
  'Eriksen',
  'Fontaine',
  'Gallagher',
  'Hoffmann',
  'Iversen',
  'Jovanović',
  'Keller',
  'Lopez',
  'Mendes',
  'Nakamura',
  'Olsen',
  'Petrov',
  'Quinn',
  'Richter',
  'Santos',
  'Takahashi',
  'Ulrich',
  'Vogel',
  'Weber',
  'Yilmaz',
  'Zimmermann',
  'Brennan',
  'Carvalho',
  'Duarte',
  'Esposito',
  'Fournier',
  'Gruber',
  'Hansen',
  'Ito',
  'Jakobsen',
  'Koch',
];

const domains = ['example.com', 'mail.test', 'post.example', 'corp.example', 'web.test'];

export const titles = [
  'Cannot log in to the customer portal',
  'Router keeps dropping the connection',
  'App crashes when uploading a photo',
  'Two-factor code never arrives',
  'Slow broadband in the evenings',
  'Voicemail greeting cannot be changed',
  'Printer not found after update',
  'Error 503 on the order page',
  'Porting my number from another carrier',
  'Call quality is choppy on mobile',
  'Quote for 25 extra seats',
  'Upgrade to the business plan',
  'Question about volume discounts',
  'Wants a demo for the sales team',
  'Renewal terms for next year',
  'Comparing our plan with a competitor',
  'Add-on: call recording pricing',
  'Trial extension request',
  'Invoice shows the wrong amount',
  'Charged twice this month',
  'Refund for the cancelled order',
  'Change the billing address',
  'Direct debit failed',
  'VAT number missing on invoice',
  'Payment reminder sent by mistake',
  'Delivery has not arrived',
  'Parcel damaged on arrival',
  'Wrong size delivered, wants exchange',
  'Password reset link expired',
  'Account locked after failed sign-ins',
  'Cancel the subscription',
  'Move contract to a new address',
  'Headset not recognised by the softphone',
  'Missed calls not shown in history',
  'Forward calls to mobile after hours',
  'Conference bridge drops participants',
  'SIM card not activated',
  'Roaming charges too high',
  'Warranty claim for a broken charger',
  'Complaint about the engineer visit',
];

const products = ['Fibre 500', 'Mobile M', 'Office Pro', 'Cloud PBX', 'Router X2', 'TV Box'];

const sentences = [
  'The customer called twice today and is getting impatient.',
  'They already restarted the device and cleared the cache, without success.',
  'Please check the account history before calling back.',
  'The issue started after the last firmware update on Tuesday.',
  'Customer prefers to be contacted by email during office hours.',
  'A replacement was promised by the previous agent but never shipped.',
  'Billing confirms the payment was received on the first of the month.',
  'Escalate to second level if the line test shows errors again.',
  'The contract renews automatically at the end of the quarter.',
  'They are considering moving to a competitor if this is not solved.',
  'Reference number from the shop receipt is attached to the order.',
  'The problem only happens on the mobile app, the website works.',
  'Engineer visit booked for Thursday morning between eight and twelve.',
  'Customer asked for a written confirmation of the agreed discount.',
  'Speed test results are far below the booked bandwidth.',
  'Two other households in the same street report the same outage.',
];

/** @type {readonly SyncTask['type'][]} */
const types = ['call', 'call', 'email', 'email', 'chat', 'manual'];
/** @type {Record<SyncTask['type'], string>} */
const channels = { call: 'phone', email: 'email', chat: 'web chat', manual: 'internal' };
const skillNames = ['support', 'sales', 'billing'];
const DAY = 24 * 60 * 60 * 1000;

/**
 * The fields a client sends in task.create.
 * @param {() => number} random
 * @param {(string | null)[]} assignees
 * @returns {MutationArgs['task.create']}
 */
export function makeTaskArgs(random, assignees) {
  const type = pick(random, types);
  const first = pick(random, firstNames);
  const last = pick(random, lastNames);
  const email = `${first}.${last}@${pick(random, domains)}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  const phone = `+44 20 7946 ${String(Math.floor(random() * 10000)).padStart(4, '0')}`;
  let description = '';
  while (description.length < 520) description += `${pick(random, sentences)} `;
  const title =
    random() < 0.4 ? `${pick(random, products)}: ${pick(random, titles)}` : pick(random, titles);
  return {
    id: uuid(random),
    type,
    channel: channels[type],
    title,
    description: description.trim(),
    customerName: `${first} ${last}`,
    customerPhone: type === 'call' || random() < 0.5 ? phone : null,
    customerEmail: type === 'email' || random() < 0.6 ? email : null,
    contactId: null,
    priority: pick(random, [1, 2, 2, 3, 3, 3, 4, 5]),
    skills: [pick(random, skillNames)],
    dueAt: random() < 0.33 ? null : new Date(Date.now() + (random() * 7 - 2) * DAY).toISOString(),
    assigneeId: pick(random, assignees),
  };
}

/** @type {readonly SyncTask['status'][]} */
const statuses = ['open', 'open', 'open', 'pending', 'pending', 'resolved'];

/**
 * A task as a pull delivers it, spread over the last 90 days.
 * @param {() => number} random
 * @param {(string | null)[]} assignees
 * @param {number} now
 * @returns {SyncTask}
 */
export function makeTask(random, assignees, now) {
  const { assigneeId, ...args } = makeTaskArgs(random, assignees);
  const created = now - Math.floor(random() * 90 * DAY);
  const updated = Math.min(now, created + Math.floor(random() * 5 * DAY));
  return {
    ...args,
    status: pick(random, statuses),
    assigneeId,
    offeredToId: null,
    createdById: pick(random, assignees),
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(updated).toISOString(),
  };
}
