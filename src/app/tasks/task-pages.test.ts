import { describe, expect, it } from 'vitest';
import type { SyncTask } from '../../domain';
import { isAfter, mergePages, shownRows } from './task-pages';

const task = (id: string, updatedAt: string) => ({ id, updatedAt }) as SyncTask;
const ids = (rows: readonly SyncTask[]) => rows.map((r) => r.id);

describe('keyset pages of the task list', () => {
  it('orders newest first, then by id for equal times', () => {
    const cursor = { updatedAt: '2026-03-03T10:00:00Z', id: 'm' };
    expect(isAfter(task('z', '2026-03-03T09:00:00Z'), cursor)).toBe(true);
    expect(isAfter(task('a', '2026-03-03T10:00:00Z'), cursor)).toBe(true);
    expect(isAfter(task('m', '2026-03-03T10:00:00Z'), cursor)).toBe(false);
    expect(isAfter(task('z', '2026-03-03T10:00:00Z'), cursor)).toBe(false);
    expect(isAfter(task('a', '2026-03-03T11:00:00Z'), cursor)).toBe(false);
  });

  it("shows a page's rows up to where the next page starts", () => {
    const rows = [task('d', 't4'), task('c', 't3'), task('b', 't2'), task('a', 't1')];
    expect(ids(shownRows({ rows, until: undefined }))).toEqual(['d', 'c', 'b', 'a']);
    expect(ids(shownRows({ rows, until: { updatedAt: 't3', id: 'c' } }))).toEqual(['d', 'c']);
    expect(shownRows({ rows: null, until: undefined })).toEqual([]);
  });

  it('joins pages in order, keeps a row that moved pages once, stops at an unanswered page', () => {
    // Page 1 was read to 'c' (t3); then 'a' was edited (now t9) and both pages answered again.
    const first = { rows: [task('a', 't9'), task('e', 't5'), task('c', 't3'), task('b', 't2')] };
    const second = { rows: [task('b', 't2'), task('x', 't1')] };
    const pages = [
      { ...first, until: { updatedAt: 't3', id: 'c' } },
      { ...second, until: undefined },
    ];
    expect(ids(mergePages(pages))).toEqual(['a', 'e', 'c', 'b', 'x']);
    // A row that shows in both answers for a moment (the second page answered first).
    const stale = [
      { rows: [task('a', 't9'), task('e', 't5')], until: { updatedAt: 't5', id: 'e' } },
      { rows: [task('a', 't9'), task('x', 't1')], until: undefined },
    ];
    expect(ids(mergePages(stale))).toEqual(['a', 'e', 'x']);
    expect(
      ids(
        mergePages([
          { rows: [task('a', 't9')], until: { updatedAt: 't9', id: 'a' } },
          { rows: null, until: undefined },
        ]),
      ),
    ).toEqual(['a']);
  });
});
