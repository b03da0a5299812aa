import { describe, expect, it } from 'vitest';
import type { SyncTask } from '../../domain';
import { isAfter, layoutPages, pageAt, shownRows, type PageState } from './task-pages';

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

  const page = (rows: SyncTask[] | null, until?: string, size = 0): PageState => ({
    rows,
    until: until
      ? { updatedAt: until.split(':')[1] ?? '', id: until.split(':')[0] ?? '' }
      : undefined,
    size,
  });

  it('lays pages end to end, each showing its own rows', () => {
    // Page 1 was read to 'c' (t3); then 'a' was edited (now t9) and both pages answered again.
    const layout = layoutPages([
      page([task('a', 't9'), task('e', 't5'), task('c', 't3'), task('b', 't2')], 'c:t3'),
      page([task('b', 't2'), task('x', 't1')]),
    ]);
    expect(layout.shown.map((p) => ids(p ?? []))).toEqual([
      ['a', 'e', 'c'],
      ['b', 'x'],
    ]);
    expect(layout.starts).toEqual([0, 3]);
    expect(layout.length).toEqual(5);
  });

  it('shows a row that is in two neighbouring answers for a moment once', () => {
    const layout = layoutPages([
      page([task('a', 't9'), task('e', 't5')], 'e:t5'),
      page([task('a', 't9'), task('x', 't1')]),
    ]);
    expect(layout.shown.map((p) => ids(p ?? []))).toEqual([['a', 'e'], ['x']]);
  });

  it('counts a page let go (or being read again) by its last size', () => {
    const layout = layoutPages([
      page([task('d', 't4'), task('c', 't3')], 'c:t3', 2),
      page(null, 'b:t2', 200),
      page([task('a', 't1')], undefined, 1),
    ]);
    expect(layout.shown[1]).toBeNull();
    expect(layout.starts).toEqual([0, 2, 202]);
    expect(layout.length).toBe(203);
    expect(pageAt(layout.starts, 0)).toBe(0);
    expect(pageAt(layout.starts, 1)).toBe(0);
    expect(pageAt(layout.starts, 2)).toBe(1);
    expect(pageAt(layout.starts, 201)).toBe(1);
    expect(pageAt(layout.starts, 202)).toBe(2);
    expect(pageAt(layout.starts, 999)).toBe(2);
  });
});
