import { describe, expect, it } from 'vitest';
import type { SyncFilter } from '../../domain';
import { filterNameProblem } from './filter-names';

const filter = (id: string, name: string, ownerId: string, shared = false): SyncFilter => ({
  id,
  name,
  ownerId,
  shared,
  query: {},
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

describe('saved filter names', () => {
  const filters = [filter('f1', 'Urgent', 'me'), filter('f2', 'Open and urgent', 'bob', true)];

  it('needs a name of at most 100 characters', () => {
    expect(filterNameProblem('   ', false, filters, 'me')).toBe('required');
    expect(filterNameProblem('x'.repeat(101), false, filters, 'me')).toBe('tooLong');
    expect(filterNameProblem(` ${'x'.repeat(100)} `, false, filters, 'me')).toBeNull();
  });

  it('refuses a name of my own filters, whatever its case and spaces', () => {
    expect(filterNameProblem('urgent ', true, filters, 'me')).toBe('taken');
    expect(filterNameProblem('Urgent today', false, filters, 'me')).toBeNull();
  });

  it("refuses a colleague's shared filter's name for a shared filter only", () => {
    expect(filterNameProblem('OPEN AND URGENT', true, filters, 'me')).toBe('takenShared');
    expect(filterNameProblem('Open and urgent', false, filters, 'me')).toBeNull();
  });

  it('lets a renamed filter keep its name or change its case', () => {
    expect(filterNameProblem('URGENT', false, filters, 'me', 'f1')).toBeNull();
    expect(filterNameProblem('Open and urgent', true, filters, 'me', 'f1')).toBe('takenShared');
  });
});
