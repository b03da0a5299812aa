import { describe, expect, it } from 'vitest';
import {
  builtInStatuses,
  compareTasks,
  defaultRoutingConfig,
  ineligibility,
  isOverLimit,
  nextTaskFor,
  pickAgent,
  reservationExpiresAt,
  type AgentSnapshot,
  type RoutingTask,
  type StatusDefinition,
} from './rules.js';

const status = (key: string): StatusDefinition => {
  const found = builtInStatuses.find((s) => s.key === key);
  if (!found) throw new Error(key);
  return found;
};

const agent = (over: Partial<AgentSnapshot> = {}): AgentSnapshot => ({
  userId: 'alice',
  status: status('ready'),
  skills: ['support'],
  load: {},
  idleSince: '2026-11-26T10:00:00.000Z',
  ...over,
});

const task = (over: Partial<RoutingTask> = {}): RoutingTask => ({
  id: 't1',
  channel: 'call',
  priority: 3,
  requiredSkills: ['support'],
  queuedAt: '2026-11-26T10:00:00.000Z',
  ...over,
});

describe('eligibility', () => {
  it('lets a Ready agent with every skill and spare capacity take the task', () => {
    expect(ineligibility(agent(), task())).toBeNull();
  });

  it('refuses statuses that do not receive work', () => {
    for (const key of ['busy', 'break', 'offline', 'missed', 'wrap_up'])
      expect(ineligibility(agent({ status: status(key) }), task())).toBe('status');
  });

  it('refuses a channel the status does not receive ("Email only")', () => {
    const emailOnly: StatusDefinition = {
      key: 'email-only',
      receivesWork: true,
      channels: ['email'],
      timeLimitMs: null,
    };
    expect(ineligibility(agent({ status: emailOnly }), task({ channel: 'call' }))).toBe('channel');
    expect(ineligibility(agent({ status: emailOnly }), task({ channel: 'email' }))).toBeNull();
  });

  it('needs every required skill, not just one', () => {
    const t = task({ requiredSkills: ['support', 'billing'] });
    expect(ineligibility(agent({ skills: ['support'] }), t)).toBe('skills');
    expect(ineligibility(agent({ skills: ['billing', 'support', 'sales'] }), t)).toBeNull();
  });

  it('keeps each channel under its capacity: one call, several emails', () => {
    expect(ineligibility(agent({ load: { call: 1 } }), task())).toBe('capacity');
    expect(ineligibility(agent({ load: { call: 1 } }), task({ channel: 'email' }))).toBeNull();
    expect(ineligibility(agent({ load: { email: 4 } }), task({ channel: 'email' }))).toBeNull();
    expect(ineligibility(agent({ load: { email: 5 } }), task({ channel: 'email' }))).toBe(
      'capacity',
    );
  });
});

describe('ordering', () => {
  it('takes the highest priority first, then the oldest, then the lower id', () => {
    const tasks = [
      task({ id: 'c', priority: 3, queuedAt: '2026-11-26T09:00:00.000Z' }),
      task({ id: 'a', priority: 5, queuedAt: '2026-11-26T11:00:00.000Z' }),
      task({ id: 'b', priority: 3, queuedAt: '2026-11-26T08:00:00.000Z' }),
      task({ id: 'd', priority: 3, queuedAt: '2026-11-26T08:00:00.000Z' }),
    ];
    expect([...tasks].sort(compareTasks).map((t) => t.id)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('gives Play the first task in that order this agent may take', () => {
    const tasks = [
      task({ id: 'sales', priority: 5, requiredSkills: ['sales'] }),
      task({ id: 'old', priority: 2, queuedAt: '2026-11-26T07:00:00.000Z' }),
      task({ id: 'urgent', priority: 4 }),
    ];
    expect(nextTaskFor(agent(), tasks)?.id).toBe('urgent');
    expect(nextTaskFor(agent({ skills: [] }), tasks)).toBeUndefined();
  });
});

describe('choosing the agent', () => {
  it('picks the eligible agent idle longest', () => {
    const agents = [
      agent({ userId: 'alice', idleSince: '2026-11-26T10:05:00.000Z' }),
      agent({ userId: 'bob', idleSince: '2026-11-26T10:01:00.000Z', status: status('busy') }),
      agent({ userId: 'carol', idleSince: '2026-11-26T10:02:00.000Z' }),
    ];
    expect(pickAgent(task(), agents)?.userId).toBe('carol');
  });

  it('breaks ties by user id and finds nobody when nobody is eligible', () => {
    const same = '2026-11-26T10:00:00.000Z';
    expect(
      pickAgent(task(), [agent({ userId: 'bob', idleSince: same }), agent({ idleSince: same })])
        ?.userId,
    ).toBe('alice');
    expect(pickAgent(task({ requiredSkills: ['sales'] }), [agent()])).toBeUndefined();
  });
});

describe('time rules', () => {
  it('gives calls 30 s to accept and other work longer', () => {
    const at = new Date('2026-11-26T10:00:00.000Z');
    expect(reservationExpiresAt('call', at).toISOString()).toBe('2026-11-26T10:00:30.000Z');
    expect(reservationExpiresAt('email', at).getTime() - at.getTime()).toBeGreaterThan(
      defaultRoutingConfig.reservationTimeoutMs.call,
    );
  });

  it('flags a break over its limit, not before', () => {
    const since = new Date('2026-11-26T10:00:00.000Z');
    const brk = status('break');
    expect(isOverLimit(brk, since, new Date('2026-11-26T10:15:00.000Z'))).toBe(false);
    expect(isOverLimit(brk, since, new Date('2026-11-26T10:15:01.000Z'))).toBe(true);
    expect(isOverLimit(status('ready'), since, new Date('2026-11-27T10:00:00.000Z'))).toBe(false);
  });
});
