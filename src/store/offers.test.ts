import { describe, expect, it } from 'vitest';
import { readMentions } from './offers';
import { toStoredTask } from './stored';
import { openTestDb, task } from './testing/fixtures';

describe('mentions', () => {
  it('lists comments of the last day that mention the user, newest first, with the task title', async () => {
    const { db } = openTestDb();
    await db.tasks.put(toStoredTask(task({ id: 't1', title: 'Broken router' })));
    const item = (id: string, createdAt: string, data: Record<string, unknown>) => ({
      id,
      taskId: 't1',
      actorId: 'alice',
      kind: 'comment' as const,
      data,
      createdAt,
    });
    await db.logItems.bulkPut([
      item('l1', '2025-03-01T08:00:00.000Z', { commentId: 'c1', mentions: ['bob'] }),
      item('l2', '2025-03-01T09:00:00.000Z', { commentId: 'c2', mentions: ['bob', 'carol'] }),
      item('l3', '2025-03-01T09:30:00.000Z', { commentId: 'c3' }),
      item('l4', '2025-02-27T09:00:00.000Z', { commentId: 'c4', mentions: ['bob'] }),
      { ...item('l5', '2025-03-01T09:40:00.000Z', { mentions: ['bob'] }), kind: 'status' as const },
    ]);
    const now = Date.parse('2025-03-01T10:00:00.000Z');
    expect(await readMentions(db, 'bob', now)).toEqual([
      {
        id: 'l2',
        taskId: 't1',
        taskTitle: 'Broken router',
        actorId: 'alice',
        createdAt: '2025-03-01T09:00:00.000Z',
      },
      {
        id: 'l1',
        taskId: 't1',
        taskTitle: 'Broken router',
        actorId: 'alice',
        createdAt: '2025-03-01T08:00:00.000Z',
      },
    ]);
    expect((await readMentions(db, 'carol', now)).map((m) => m.id)).toEqual(['l2']);
    expect(await readMentions(db, 'alice', now)).toEqual([]);
  });
});
