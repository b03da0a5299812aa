import { describe, expect, it } from 'vitest';
import {
  assigneesFor,
  filterParams,
  filterToQuery,
  isEmptyFilter,
  parseTaskFilter,
  sameFilter,
  toCriteria,
  type TaskFilter,
} from './task-filter';

describe('parsing a task filter', () => {
  it('keeps known values and drops unknown ones', () => {
    expect(
      parseTaskFilter({ status: 'resolved', type: 'fax', assignee: 'me', q: 'refund', x: '1' }),
    ).toEqual({ statuses: ['resolved'], assignees: ['me'], q: 'refund' });
  });

  it('reads several values from comma lists and from repeated URL params', () => {
    expect(
      parseTaskFilter({
        status: 'open,pending,bogus',
        type: ['call', 'email,chat'],
        assignee: ['me', 'none', 'u-2'],
        skill: 'billing,sales',
      }),
    ).toEqual({
      statuses: ['open', 'pending'],
      types: ['call', 'email', 'chat'],
      assignees: ['me', 'none', 'u-2'],
      skills: ['billing', 'sales'],
    });
  });

  it('reads old single-value URLs and ignores empty or repeated values', () => {
    expect(parseTaskFilter({ status: 'open', assignee: 'none', q: '' })).toEqual({
      statuses: ['open'],
      assignees: ['none'],
    });
    expect(parseTaskFilter({ status: 'open,,open', type: '' })).toEqual({ statuses: ['open'] });
  });

  it("reads the demo seed's saved filters", () => {
    expect(parseTaskFilter({ status: ['open'], priorityAtLeast: 4 })).toEqual({
      statuses: ['open'],
      priorityAtLeast: 4,
    });
    expect(parseTaskFilter({ status: ['open', 'pending'], assignee: 'none' })).toEqual({
      statuses: ['open', 'pending'],
      assignees: ['none'],
    });
  });

  it('accepts priority 2 to 5 and due overdue or today only', () => {
    expect(parseTaskFilter({ priority: '3', due: 'today' })).toEqual({
      priorityAtLeast: 3,
      due: 'today',
    });
    for (const priority of ['0', '1', '6', '2.5', 'high', ''])
      expect(parseTaskFilter({ priority })).toEqual({});
    expect(parseTaskFilter({ due: 'tomorrow' })).toEqual({});
  });

  it('bounds what a hand-made URL can ask for', () => {
    const filter = parseTaskFilter({
      q: 'x'.repeat(500),
      assignee: Array.from({ length: 80 }, (_, i) => `u${i}`).join(','),
      skill: 'y'.repeat(101),
    });
    expect(filter.q).toHaveLength(200);
    expect(filter.assignees).toHaveLength(50);
    expect(filter.skills).toBeUndefined();
  });
});

describe('a filter in the URL and in a saved filter', () => {
  const full: TaskFilter = {
    statuses: ['open', 'pending'],
    assignees: ['me', 'none'],
    types: ['call', 'chat'],
    skills: ['billing'],
    priorityAtLeast: 4,
    due: 'overdue',
    q: 'refund, please',
  };

  it('round-trips through URL params', () => {
    const params = filterParams(full);
    expect(params).toEqual({
      status: 'open,pending',
      assignee: 'me,none',
      type: 'call,chat',
      skill: 'billing',
      priority: '4',
      due: 'overdue',
      q: 'refund, please',
    });
    expect(parseTaskFilter(params)).toEqual(full);
  });

  it('clears every key an empty filter leaves unset', () => {
    expect(Object.values(filterParams({})).every((v) => v === undefined)).toBe(true);
    expect(Object.keys(filterParams({}))).toHaveLength(7);
  });

  it('round-trips through a saved filter query', () => {
    expect(filterToQuery(full)).toEqual({
      status: ['open', 'pending'],
      assignee: ['me', 'none'],
      type: ['call', 'chat'],
      skill: ['billing'],
      priorityAtLeast: 4,
      due: 'overdue',
      q: 'refund, please',
    });
    expect(parseTaskFilter(filterToQuery(full))).toEqual(full);
    expect(isEmptyFilter(full)).toBe(false);
    expect(isEmptyFilter(parseTaskFilter({}))).toBe(true);
  });

  it('is the same filter whatever order its values were picked in', () => {
    expect(sameFilter({ statuses: ['pending', 'open'] }, { statuses: ['open', 'pending'] })).toBe(
      true,
    );
    expect(sameFilter({ statuses: ['open'] }, { statuses: ['open', 'pending'] })).toBe(false);
  });
});

describe('the store query of a filter', () => {
  // A fixed local clock: 14:30 on 3 March 2026, wherever the test runs.
  const now = new Date(2026, 2, 3, 14, 30);

  it('maps me and unassigned to ids and null, without duplicates', () => {
    expect(assigneesFor({ assignees: ['me', 'none', 'u1', 'u2'] }, 'u1')).toEqual([
      'u1',
      null,
      'u2',
    ]);
    expect(assigneesFor({}, 'u1')).toBeUndefined();
  });

  it('combines every criterion', () => {
    expect(
      toCriteria(
        {
          statuses: ['open'],
          assignees: ['me'],
          types: ['email'],
          skills: ['sales'],
          priorityAtLeast: 3,
          q: 'router',
        },
        'u1',
        now,
      ),
    ).toEqual({
      statuses: ['open'],
      assignees: ['u1'],
      types: ['email'],
      skills: ['sales'],
      priorityAtLeast: 3,
      text: 'router',
    });
    expect(toCriteria({}, 'u1', now)).toEqual({});
  });

  it('asks for tasks due before now and not resolved when overdue', () => {
    expect(toCriteria({ due: 'overdue' }, 'u1', now)).toEqual({
      statuses: ['open', 'pending'],
      dueBefore: now.toISOString(),
    });
    expect(toCriteria({ due: 'overdue', statuses: ['resolved'] }, 'u1', now).statuses).toEqual([]);
  });

  it('asks for the local day when due today, at any hour of it', () => {
    const day = {
      dueFrom: new Date(2026, 2, 3).toISOString(),
      dueBefore: new Date(2026, 2, 4).toISOString(),
    };
    expect(toCriteria({ due: 'today' }, 'u1', now)).toEqual(day);
    expect(toCriteria({ due: 'today' }, 'u1', new Date(2026, 2, 3, 0, 0))).toEqual(day);
    expect(toCriteria({ due: 'today' }, 'u1', new Date(2026, 2, 3, 23, 59))).toEqual(day);
    // The last day of a month ends on the first of the next.
    expect(toCriteria({ due: 'today' }, 'u1', new Date(2026, 1, 28, 9)).dueBefore).toBe(
      new Date(2026, 2, 1).toISOString(),
    );
  });
});
