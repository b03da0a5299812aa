// Schema experiments in raw IndexedDB (and Dexie for comparison): the same 10k generated tasks
// written with different index layouts, one readwrite transaction per page of 2,000, relaxed
// durability as the store opens it. Tells what each index costs before the store is changed.
import Dexie from 'dexie';
import { wordsOf } from '../../src/store/words';
import { makeTask, seededRandom } from '../store/tasks.js';

const compound = [
  ['byStatus', ['status', 'updatedAt']],
  ['byAssignee', ['assigneeKey', 'status', 'updatedAt']],
  ['byType', ['type', 'status', 'updatedAt']],
];
const compoundNum = [
  ['byStatus', ['status', 'at']],
  ['byAssignee', ['assigneeKey', 'status', 'at']],
  ['byType', ['type', 'status', 'at']],
];

const stop = new Set(
  'the to a an of on in for and or is are was not my our your with from after before by at it this that be can cannot wants'.split(
    ' ',
  ),
);

function texts(t) {
  return [[t.title, t.customerName, t.customerEmail], [t.customerPhone]];
}

const variants = {
  none: { stores: { tasks: [] }, row: (t) => ({ ...t }) },
  // What a record's size costs: the same rows without their ~520-character description.
  noneSmall: { stores: { tasks: [] }, row: (t) => ({ ...t, description: '' }) },
  // The store's schema version 2: version 1 without [type+status+updatedAt].
  v2: {
    stores: { tasks: [...compound.slice(0, 2), ['words', 'words', true]] },
    row: (t) => {
      const at = Date.parse(t.updatedAt);
      return {
        ...t,
        assigneeKey: t.assigneeId ?? '',
        words: wordsOf(...texts(t)).map((w) => [w, at]),
      };
    },
  },
  cmp: { stores: { tasks: compound }, row: (t) => ({ ...t, assigneeKey: t.assigneeId ?? '' }) },
  cmpNum: {
    stores: { tasks: compoundNum },
    row: (t) => ({ ...t, assigneeKey: t.assigneeId ?? '', at: Date.parse(t.updatedAt) }),
  },
  // Version 2 with each list index carrying the filter fields after the sort key (and the id
  // for exact keyset bounds), so a filtered list is read from index keys alone.
  v2facets: {
    stores: {
      tasks: [
        ['byStatus', ['status', 'updatedAt', 'id', 'facets']],
        ['byAssignee', ['assigneeKey', 'status', 'updatedAt', 'id', 'facets']],
        ['words', 'words', true],
      ],
    },
    row: (t) => {
      const at = Date.parse(t.updatedAt);
      return {
        ...t,
        assigneeKey: t.assigneeId ?? '',
        facets: [t.type, t.priority, t.dueAt ?? '', ...t.skills],
        words: wordsOf(...texts(t)).map((w) => [w, at]),
      };
    },
  },
  words: {
    stores: { tasks: [...compound, ['words', 'words', true]] },
    row: (t) => ({ ...t, assigneeKey: t.assigneeId ?? '', words: wordsOf(...texts(t)) }),
  },
  wordsAt: {
    stores: { tasks: [...compoundNum, ['words', 'words', true]] },
    row: (t) => {
      const at = Date.parse(t.updatedAt);
      return {
        ...t,
        assigneeKey: t.assigneeId ?? '',
        at,
        words: wordsOf(...texts(t)).map((w) => [w, at]),
      };
    },
  },
  wordsStr: {
    // [word, at] as one string: the word, a NUL, then the time in fixed-width base 36.
    stores: { tasks: [...compoundNum, ['words', 'words', true]] },
    row: (t) => {
      const at = Date.parse(t.updatedAt);
      const time = at.toString(36).padStart(9, '0');
      return {
        ...t,
        assigneeKey: t.assigneeId ?? '',
        at,
        words: wordsOf(...texts(t)).map((w) => `${w}\u0000${time}`),
      };
    },
  },
  wordsAtLean: {
    stores: { tasks: [...compoundNum, ['words', 'words', true]] },
    row: (t) => {
      const at = Date.parse(t.updatedAt);
      const words = wordsOf(...texts(t))
        .filter((w) => !stop.has(w))
        .slice(0, 12);
      return { ...t, assigneeKey: t.assigneeId ?? '', at, words: words.map((w) => [w, at]) };
    },
  },
  sepWordsAt: {
    stores: { tasks: compoundNum, taskWords: [['words', 'w', true]] },
    row: (t) => ({ ...t, assigneeKey: t.assigneeId ?? '', at: Date.parse(t.updatedAt) }),
    extra: (t) => {
      const at = Date.parse(t.updatedAt);
      const words = wordsOf(...texts(t)).filter((w) => !stop.has(w));
      return ['taskWords', { id: t.id, w: words.map((w) => [w, at]) }];
    },
  },
  leanWordsAt: {
    // The indexed store holds only what lists and search need; the whole task lives in `bodies`.
    stores: { tasks: [...compoundNum, ['words', 'words', true]], bodies: [] },
    row: (t) => {
      const at = Date.parse(t.updatedAt);
      const words = wordsOf(...texts(t)).filter((w) => !stop.has(w));
      return {
        id: t.id,
        status: t.status,
        type: t.type,
        assigneeKey: t.assigneeId ?? '',
        at,
        words: words.map((w) => [w, at]),
      };
    },
    extra: (t) => ['bodies', t],
  },
};

function makePages(count, seed, assignees) {
  const random = seededRandom(seed);
  const now = Date.parse('2026-11-01T00:00:00.000Z');
  const pages = [];
  for (let i = 0; i < count; i += 2000)
    pages.push(
      Array.from({ length: Math.min(2000, count - i) }, () => makeTask(random, assignees, now)),
    );
  return pages;
}

function openRaw(name, stores) {
  return new Promise((resolve, reject) => {
    const req = globalThis.indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      for (const [store, indexes] of Object.entries(stores)) {
        const os = req.result.createObjectStore(store, { keyPath: 'id' });
        for (const [index, keyPath, multiEntry] of indexes)
          os.createIndex(index, keyPath, { multiEntry: !!multiEntry });
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

const deleteDb = (name) =>
  new Promise((resolve) => {
    const req = globalThis.indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });

async function writeRaw(db, variant, pages) {
  const names = Object.keys(variant.stores);
  for (const page of pages) {
    await new Promise((resolve, reject) => {
      const tx = db.transaction(names, 'readwrite', { durability: 'relaxed' });
      const tasks = tx.objectStore('tasks');
      for (const t of page) {
        tasks.put(variant.row(t));
        if (variant.extra) {
          const [store, row] = variant.extra(t);
          tx.objectStore(store).put(row);
        }
      }
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  }
}

async function writeDexie(name, variant, pages, allKeys, add) {
  const db = new Dexie(name, { chromeTransactionDurability: 'relaxed' });
  const spec = {};
  for (const [store, indexes] of Object.entries(variant.stores)) {
    spec[store] = [
      'id',
      ...indexes.map(([, keyPath, multi]) =>
        Array.isArray(keyPath) ? `[${keyPath.join('+')}]` : `${multi ? '*' : ''}${keyPath}`,
      ),
    ].join(', ');
  }
  db.version(1).stores(spec);
  await db.open();
  const start = performance.now();
  for (const page of pages) {
    await db.transaction('rw', Object.keys(spec), async () => {
      const rows = page.map(variant.row);
      if (add) await db.table('tasks').bulkAdd(rows);
      else await db.table('tasks').bulkPut(rows, allKeys ? { allKeys: true } : undefined);
      if (variant.extra) {
        const extra = page.map(variant.extra);
        await db.table(extra[0][0]).bulkPut(extra.map(([, row]) => row));
      }
    });
  }
  const ms = performance.now() - start;
  db.close();
  return ms;
}

globalThis.raw = {
  variants: () => Object.keys(variants),
  async write({ variant: key, count, seed, assignees, via }) {
    const variant = variants[key];
    const pages = makePages(count, seed, assignees);
    const name = `raw-${key}-${via}`;
    await deleteDb(name);
    let ms;
    if (via === 'raw') {
      const db = await openRaw(name, variant.stores);
      const start = performance.now();
      await writeRaw(db, variant, pages);
      ms = performance.now() - start;
      db.close();
    } else {
      ms = await writeDexie(name, variant, pages, via === 'dexieAllKeys', via === 'dexieAdd');
    }
    await deleteDb(name);
    return { ms };
  },
};
