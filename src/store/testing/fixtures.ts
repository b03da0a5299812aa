// Test helpers: a fresh fake IndexedDB per test, and entities with sensible defaults.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { MutationArgs, SyncTask } from '../../domain';
import { SyncDb } from '../db';
import type { StorageOptions } from '../registry';

let counter = 0;

export function fakeStorage(): StorageOptions {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

/** mulberry32: seeded, so a failing test draws the same data again. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function openTestDb(storage: StorageOptions = fakeStorage(), name = `test-${++counter}`) {
  return { db: new SyncDb(name, storage), storage, name };
}

export function task(overrides: Partial<SyncTask> & { id: string }): SyncTask {
  return {
    type: 'call',
    channel: 'phone',
    title: `Task ${overrides.id}`,
    description: '',
    customerName: 'Customer',
    customerPhone: null,
    customerEmail: null,
    contactId: null,
    status: 'open',
    assigneeId: null,
    offeredToId: null,
    priority: 1,
    skills: [],
    dueAt: null,
    createdById: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function newTask(id: string, title = `Task ${id}`): MutationArgs['task.create'] {
  return {
    id,
    type: 'manual',
    channel: 'manual',
    title,
    description: '',
    customerName: 'Customer',
    customerPhone: null,
    customerEmail: null,
    contactId: null,
    priority: 1,
    skills: [],
    dueAt: null,
    assigneeId: null,
  };
}

/** A clock that moves one second per call: every mutation gets its own createdAt. */
export function steppingClock(start = Date.parse('2025-03-01T08:00:00.000Z')): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}
