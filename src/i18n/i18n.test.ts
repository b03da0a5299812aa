import { flatten } from '@solid-primitives/i18n';
import { describe, expect, it } from 'vitest';
import { agentStatuses, navSections, roles, taskStatuses, taskTypes } from '../domain';
import { en, type Messages } from './en';
import { t } from './index';

// A second language must have the same shape; this line stops compiling if `en` drifts from it.
const _typed: Messages = en;

describe('message catalogue', () => {
  const flat = flatten(en) as Record<string, unknown>;

  it('has no empty messages', () => {
    for (const [key, value] of Object.entries(flat)) {
      if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
    }
  });

  it('names every value the domain can produce', () => {
    for (const s of agentStatuses) expect(flat[`status.${s}`], s).toBeTypeOf('string');
    for (const s of navSections) expect(flat[`nav.${s}`], s).toBeTypeOf('string');
    for (const r of roles) expect(flat[`roles.${r}`], r).toBeTypeOf('string');
    for (const s of taskStatuses) expect(flat[`tasks.statuses.${s}`], s).toBeTypeOf('string');
    for (const s of taskTypes) expect(flat[`tasks.types.${s}`], s).toBeTypeOf('string');
  });

  it('keeps the names the acceptance tests look for', () => {
    expect(t('signin.email')).toBe('Email');
    expect(t('signin.password')).toBe('Password');
    expect(t('signin.submit')).toBe('Sign in');
    expect(t('signin.wrongCredentials')).toBe('Wrong email or password.');
    expect(t('shell.switchInstance')).toBe('Switch instance');
    expect(t('phone.number')).toBe('Number');
    expect(t('phone.call')).toBe('Call');
    expect(t('sync.offline')).toBe('Offline');
    expect(t('update.reload')).toBe('Reload');
  });

  it('fills templates and plurals', () => {
    expect(t('signin.rateLimited', { seconds: 30 })).toBe(
      'Too many attempts. Try again in 30 seconds.',
    );
    expect(t('tasks.count', 1)).toBe('1 task');
    expect(t('tasks.count', 3)).toBe('3 tasks');
  });
});
