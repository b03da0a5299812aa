import { describe, expect, it } from 'vitest';
import type { SyncTask } from '../../domain';
import { reuseRows, sameTask } from './same-rows';

const task = (id: string, updatedAt: string, extra: Partial<SyncTask> = {}) =>
  ({ id, updatedAt, title: `Task ${id}`, skills: ['billing'], ...extra }) as SyncTask;

describe('rows kept across answers of a live page', () => {
  it('compares every field, arrays and objects by value', () => {
    expect(sameTask(task('a', 't1'), task('a', 't1'))).toBe(true);
    expect(sameTask(task('a', 't1'), task('a', 't2'))).toBe(false);
    expect(sameTask(task('a', 't1'), task('a', 't1', { title: 'Other' }))).toBe(false);
    expect(sameTask(task('a', 't1'), task('a', 't1', { skills: ['billing', 'fr'] }))).toBe(false);
    const declined = { kind: 'declined', reason: 'busy' } as unknown as SyncTask['offerReturn'];
    const again = { kind: 'declined', reason: 'away' } as unknown as SyncTask['offerReturn'];
    expect(
      sameTask(
        task('a', 't1', { offerReturn: declined }),
        task('a', 't1', { offerReturn: declined }),
      ),
    ).toBe(true);
    expect(
      sameTask(task('a', 't1', { offerReturn: declined }), task('a', 't1', { offerReturn: again })),
    ).toBe(false);
    // A field only one side has (older cached rows lack some) is a change.
    expect(sameTask(task('a', 't1'), task('a', 't1', { outcomeTag: null }))).toBe(false);
  });

  it('keeps the objects of unchanged rows and takes the changed ones', () => {
    const previous = [task('a', 't3'), task('b', 't2'), task('c', 't1')];
    const next = [task('b', 't4', { title: 'Edited' }), task('a', 't3'), task('c', 't1')];
    const rows = reuseRows(previous, next);
    expect(rows[0]).toBe(next[0]);
    expect(rows[1]).toBe(previous[0]);
    expect(rows[2]).toBe(previous[2]);
  });

  it('answers the previous array itself when nothing changed', () => {
    const previous = [task('a', 't2'), task('b', 't1')];
    expect(reuseRows(previous, [task('a', 't2'), task('b', 't1')])).toBe(previous);
    // The same rows in another order, or one fewer, are a change.
    expect(reuseRows(previous, [task('b', 't1'), task('a', 't2')])).not.toBe(previous);
    expect(reuseRows(previous, [task('a', 't2')])).not.toBe(previous);
    expect(reuseRows(null, previous)).toBe(previous);
  });
});
