import { describe, expect, it } from 'vitest';
import { customDefinition, sameLabel, validateCustomStatus } from './custom-statuses.js';
import { isOverLimit } from './rules.js';

const lunch = {
  label: 'Lunch',
  colour: '#D97706',
  receivesWork: false,
  channels: null,
  timeLimitSeconds: 60,
};

describe('validateCustomStatus', () => {
  it('cleans what it keeps: trimmed name, lower-case colour, channels in their order', () => {
    const result = validateCustomStatus(
      {
        ...lunch,
        label: ' Email\t only ',
        receivesWork: true,
        channels: ['chat', 'email', 'chat'],
      },
      [],
    );
    expect(result).toEqual({
      ok: true,
      value: {
        label: 'Email only',
        colour: '#d97706',
        receivesWork: true,
        channels: ['email', 'chat'],
        timeLimitSeconds: 60,
      },
    });
  });

  it('drops channels of a status that receives nothing', () => {
    const result = validateCustomStatus({ ...lunch, channels: ['email'] }, []);
    expect(result.ok && result.value.channels).toBeNull();
  });

  it.each([
    [{ label: '' }, 'needs a name'],
    [{ label: 'ä'.repeat(41) }, 'at most 40'],
    [{ label: 'a\u0007b' }, 'control characters'],
    [{ label: 'ready' }, '"Ready" is a built-in'],
    [{ label: 'LUNCH' }, 'There is a status called "lunch"'],
    [{ colour: '#abcdeg' }, '#rrggbb'],
    [{ receivesWork: true, channels: ['sms'] }, '"sms" is not a channel'],
    [{ timeLimitSeconds: 59 }, 'from 60'],
    [{ timeLimitSeconds: 86_401 }, 'from 60'],
    [{ timeLimitSeconds: 90.5 }, 'whole number'],
  ])('refuses %j', (change, message) => {
    const result = validateCustomStatus({ ...lunch, label: 'Nap', ...change }, ['lunch']);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });

  it('accepts 40 characters of any script and a name only its own earlier self had', () => {
    expect(validateCustomStatus({ ...lunch, label: 'ä'.repeat(40) }, []).ok).toBe(true);
    expect(validateCustomStatus({ ...lunch, label: 'Lunch' }, ['Coffee']).ok).toBe(true);
  });
});

describe('sameLabel', () => {
  it('folds case beyond ASCII', () => {
    expect(sameLabel('Straße', 'STRASSE')).toBe(true);
    expect(sameLabel('Öl', 'öl')).toBe(true);
    expect(sameLabel('Lunch', 'Launch')).toBe(false);
  });
});

describe('a custom status over its limit', () => {
  it('is over only once more than its limit has passed, by the clock given', () => {
    const definition = customDefinition({
      id: 'x',
      key: 'c-x',
      ...lunch,
      colour: '#d97706',
      position: 0,
    });
    const since = new Date('2026-01-01T12:00:00.000Z');
    expect(isOverLimit(definition, since, new Date('2026-01-01T12:01:00.000Z'))).toBe(false);
    expect(isOverLimit(definition, since, new Date('2026-01-01T12:01:00.001Z'))).toBe(true);
    const unlimited = customDefinition({
      id: 'y',
      key: 'c-y',
      ...lunch,
      timeLimitSeconds: null,
      position: 1,
    });
    expect(isOverLimit(unlimited, since, new Date('2027-01-01T00:00:00.000Z'))).toBe(false);
  });
});
