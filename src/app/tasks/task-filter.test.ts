import { describe, expect, it } from 'vitest';
import { assigneeFor, filterToQuery, isEmptyFilter, parseTaskFilter } from './task-filter';

describe('task filter', () => {
  it('keeps known values and drops unknown ones', () => {
    expect(
      parseTaskFilter({ status: 'resolved', type: 'fax', assignee: 'me', q: 'refund', x: '1' }),
    ).toEqual({ status: 'resolved', assignee: 'me', q: 'refund' });
  });

  it('takes the first of repeated URL params and ignores empty ones', () => {
    expect(parseTaskFilter({ status: ['open', 'pending'], q: '' })).toEqual({ status: 'open' });
  });

  it('round-trips through a saved filter query', () => {
    const filter = parseTaskFilter({ status: 'open', assignee: 'none' });
    expect(parseTaskFilter(filterToQuery(filter))).toEqual(filter);
    expect(isEmptyFilter(filter)).toBe(false);
    expect(isEmptyFilter(parseTaskFilter({}))).toBe(true);
  });

  it('maps the assignee choice to the store query', () => {
    expect(assigneeFor({ assignee: 'me' }, 'u1')).toBe('u1');
    expect(assigneeFor({ assignee: 'none' }, 'u1')).toBeNull();
    expect(assigneeFor({ assignee: 'u2' }, 'u1')).toBe('u2');
    expect(assigneeFor({}, 'u1')).toBeUndefined();
  });
});
