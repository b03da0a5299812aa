import { describe, expect, it } from 'vitest';
import {
  canSeeAdmin,
  canSwitchInstance,
  dialTargetFromLink,
  formatElapsed,
  isOverdue,
  needsInstancePicker,
  passwordProblem,
  safeNextPath,
  visibleSections,
  type Me,
} from './index';

function me(overrides: Partial<Me> = {}, serviceProvider = false): Me {
  return {
    user: { id: 'u', email: 'carol@demo.test', name: 'Carol', serviceProvider },
    memberships: [{ instanceId: 'a', instanceName: 'Demo', role: 'agent', extension: null }],
    currentInstance: { id: 'a', name: 'Demo', role: 'agent' },
    lastInstanceId: null,
    ...overrides,
  };
}

describe('navigation rules', () => {
  it('shows Admin to admins only', () => {
    expect(canSeeAdmin('admin')).toBe(true);
    expect(canSeeAdmin('team_leader')).toBe(false);
    expect(canSeeAdmin('agent')).toBe(false);
    expect(canSeeAdmin(undefined)).toBe(false);
    expect(visibleSections('agent')).toEqual(['tasks', 'phone', 'contacts', 'history']);
    expect(visibleSections('admin')).toContain('admin');
  });

  it('shows Team to team leaders and admins, not to agents', () => {
    expect(visibleSections('team_leader')).toEqual([
      'tasks',
      'phone',
      'contacts',
      'history',
      'team',
    ]);
    expect(visibleSections('admin')).toEqual([
      'tasks',
      'phone',
      'contacts',
      'history',
      'team',
      'admin',
    ]);
    expect(visibleSections('agent')).not.toContain('team');
  });

  it('offers the switcher with several instances or to service providers', () => {
    expect(canSwitchInstance(me())).toBe(false);
    expect(canSwitchInstance(me({}, true))).toBe(true);
    const two = me({
      memberships: [
        { instanceId: 'a', instanceName: 'Demo', role: 'agent', extension: null },
        { instanceId: 'b', instanceName: 'Northwind', role: 'admin', extension: null },
      ],
    });
    expect(canSwitchInstance(two)).toBe(true);
  });

  it('sends users without a current instance to the picker', () => {
    expect(needsInstancePicker(me())).toBe(false);
    expect(needsInstancePicker(me({ currentInstance: null }))).toBe(true);
  });

  it('keeps post-sign-in destinations inside the app', () => {
    expect(safeNextPath('/phone?number=123')).toBe('/phone?number=123');
    expect(safeNextPath(undefined)).toBe('/tasks');
    expect(safeNextPath('https://evil.test/')).toBe('/tasks');
    expect(safeNextPath('//evil.test/')).toBe('/tasks');
    expect(safeNextPath('/\\evil.test')).toBe('/tasks');
    expect(safeNextPath('/signin')).toBe('/tasks');
  });
});

describe('formatElapsed', () => {
  it('shows mm:ss under an hour and hh:mm:ss from an hour on', () => {
    expect(formatElapsed(0)).toBe('00:00');
    expect(formatElapsed(59_999)).toBe('00:59');
    expect(formatElapsed(61_000)).toBe('01:01');
    expect(formatElapsed(3_599_000)).toBe('59:59');
    expect(formatElapsed(3_600_000)).toBe('01:00:00');
    expect(formatElapsed(36_000_000 + 62_000)).toBe('10:01:02');
  });
  it('never shows negative time (clock skew)', () => {
    expect(formatElapsed(-5000)).toBe('00:00');
  });
});

describe('isOverdue', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it('is overdue when due in the past and not resolved', () => {
    expect(isOverdue({ dueAt: '2025-06-01T11:00:00Z', status: 'open' }, now)).toBe(true);
    expect(isOverdue({ dueAt: '2025-06-01T11:00:00Z', status: 'resolved' }, now)).toBe(false);
    expect(isOverdue({ dueAt: '2025-06-01T13:00:00Z', status: 'pending' }, now)).toBe(false);
    expect(isOverdue({ dueAt: null, status: 'open' }, now)).toBe(false);
    expect(isOverdue({ dueAt: 'garbage', status: 'open' }, now)).toBe(false);
  });
});

describe('dialTargetFromLink', () => {
  it('unwraps tel: and sip: links the protocol handlers pass', () => {
    expect(dialTargetFromLink('tel%3A%2B420%20123%20456')).toBe('+420 123 456');
    expect(dialTargetFromLink('tel:+1-555-0100;ext=12')).toBe('+1-555-0100');
    expect(dialTargetFromLink('sip:1001@pbx.example;transport=ws')).toBe('1001@pbx.example');
    expect(dialTargetFromLink('SIPS:2000@pbx.example')).toBe('2000@pbx.example');
    expect(dialTargetFromLink(' 2000 ')).toBe('2000');
    expect(dialTargetFromLink(null)).toBe('');
    expect(dialTargetFromLink('%E0%A4%A')).toBe('%E0%A4%A');
  });
});

describe('passwordProblem', () => {
  it('follows the 10 to 256 characters rule', () => {
    expect(passwordProblem('123456789')).toBe('too-short');
    expect(passwordProblem('1234567890')).toBeNull();
    expect(passwordProblem('x'.repeat(256))).toBeNull();
    expect(passwordProblem('x'.repeat(257))).toBe('too-long');
  });
});
