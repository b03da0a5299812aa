import { describe, expect, it } from 'vitest';
import { isAgentStatus } from './agent-status';
import {
  isOverLimit,
  limitMinutes,
  menuStatuses,
  statusFormInput,
  statusFormOf,
  statusView,
  type StatusForm,
  type StatusFormProblem,
} from './status-definitions';
import type { SyncStatusDefinition } from './sync';

const lunch: SyncStatusDefinition = {
  id: '0b6f3c1e-1111-4222-8333-944455556666',
  key: 'c-0b6f3c1e-1111-4222-8333-944455556666',
  label: 'Lunch',
  colour: '#d97706',
  receivesWork: false,
  channels: null,
  timeLimitSeconds: 60,
  position: 1,
};
const emailOnly: SyncStatusDefinition = {
  ...lunch,
  id: '1b6f3c1e-1111-4222-8333-944455556666',
  key: 'c-1b6f3c1e-1111-4222-8333-944455556666',
  label: 'Email only',
  receivesWork: true,
  channels: ['email'],
  timeLimitSeconds: null,
  position: 0,
};

describe('status views', () => {
  it('lists the built-ins an agent picks, then custom statuses by position', () => {
    expect(menuStatuses([lunch, emailOnly]).map((v) => v.key)).toEqual([
      'ready',
      'busy',
      'break',
      'offline',
      emailOnly.key,
      lunch.key,
    ]);
  });

  it('takes a custom status’s label and colour from its definition; an unknown key says so', () => {
    expect(statusView(lunch.key, [lunch])).toEqual({
      kind: 'custom',
      key: lunch.key,
      label: 'Lunch',
      colour: '#d97706',
      timeLimitMs: 60_000,
    });
    expect(statusView(lunch.key, []).kind).toBe('unknown');
    expect(statusView('break', []).kind).toBe('builtIn');
  });

  it('is over the limit only after more than the limit has passed, by the clock given', () => {
    const since = Date.parse('2026-01-01T12:00:00.000Z');
    const view = statusView(lunch.key, [lunch]);
    expect(isOverLimit(view, since, since + 60_000)).toBe(false);
    expect(isOverLimit(view, since, since + 60_001)).toBe(true);
    expect(limitMinutes(view)).toBe(1);
    const breakView = statusView('break', []);
    expect(isOverLimit(breakView, since, since + 15 * 60_000 + 1)).toBe(true);
    expect(limitMinutes(breakView)).toBe(15);
    expect(isOverLimit(statusView('ready', []), since, since + 10 * 3_600_000)).toBe(false);
  });

  it('knows a status key by its shape only', () => {
    expect(isAgentStatus('ready')).toBe(true);
    expect(isAgentStatus(lunch.key)).toBe(true);
    expect(isAgentStatus('c-lunch')).toBe(false);
    expect(isAgentStatus('asleep')).toBe(false);
  });
});

describe('the custom status form', () => {
  const form = statusFormOf();

  it('sends a name, minutes as seconds and the chosen channels in their order', () => {
    expect(
      statusFormInput({
        ...form,
        label: ' Email only ',
        receivesWork: true,
        allChannels: false,
        channels: ['chat', 'email'],
        limitMinutes: '15',
      }),
    ).toEqual({
      ok: true,
      value: {
        label: 'Email only',
        colour: form.colour,
        receivesWork: true,
        channels: ['email', 'chat'],
        timeLimitSeconds: 900,
      },
    });
  });

  it('sends no channels for a status that receives nothing, and no limit when empty', () => {
    const result = statusFormInput({
      ...form,
      label: 'Lunch',
      allChannels: false,
      channels: ['call'],
    });
    expect(result).toMatchObject({ ok: true, value: { channels: null, timeLimitSeconds: null } });
  });

  it.each<[Partial<StatusForm>, StatusFormProblem]>([
    [{ label: '  ' }, 'label'],
    [{ label: 'x', limitMinutes: '0' }, 'limit'],
    [{ label: 'x', limitMinutes: '1.5' }, 'limit'],
    [{ label: 'x', limitMinutes: '1441' }, 'limit'],
    [{ label: 'x', receivesWork: true, allChannels: false, channels: [] }, 'channels'],
  ])('names the field to fix for %j', (change, problem) => {
    expect(statusFormInput({ ...form, ...change })).toEqual({ ok: false, problem });
  });

  it('fills from a saved status', () => {
    expect(statusFormOf(lunch)).toMatchObject({
      label: 'Lunch',
      limitMinutes: '1',
      allChannels: true,
    });
    expect(statusFormOf(emailOnly)).toMatchObject({ allChannels: false, channels: ['email'] });
  });
});
