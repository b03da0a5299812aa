import { describe, expect, it } from 'vitest';
import {
  parseWholeNumber,
  settingsForm,
  settingsPatch,
  withSettingDefaults,
} from './instance-settings';
import { knownSkills, skillNameProblem } from './skill-names';

describe('skillNameProblem', () => {
  it('accepts a new trimmed name of 1 to 40 characters', () => {
    expect(skillNameProblem('  french ', ['support'])).toBeNull();
    expect(skillNameProblem('x'.repeat(40), [])).toBeNull();
  });

  it('names what is wrong, as the server would', () => {
    expect(skillNameProblem('   ', [])).toBe('empty');
    expect(skillNameProblem('x'.repeat(41), [])).toBe('tooLong');
    expect(skillNameProblem('support, sales', [])).toBe('comma');
    expect(skillNameProblem('Support', ['support'])).toBe('duplicate');
    const thirty = Array.from({ length: 30 }, (_, i) => `s${i}`);
    expect(skillNameProblem('french', thirty)).toBe('tooMany');
  });
});

describe('knownSkills', () => {
  it('merges lists once ignoring case, first spelling kept, alphabetical', () => {
    expect(knownSkills(['support', 'Sales'], ['sales', 'billing'], ['French'])).toEqual([
      'billing',
      'French',
      'Sales',
      'support',
    ]);
  });
});

describe('parseWholeNumber', () => {
  const range = { min: 1, max: 1440 };
  it('reads a whole number in range', () => {
    expect(parseWholeNumber(' 15 ', range)).toEqual({ ok: true, value: 15 });
    expect(parseWholeNumber('1440', range)).toEqual({ ok: true, value: 1440 });
  });
  it('refuses decimals, signs, words and blanks, then values out of range', () => {
    for (const text of ['1.5', '-3', 'ten', '', '1e3'])
      expect(parseWholeNumber(text, range)).toEqual({ ok: false, problem: 'notWholeNumber' });
    expect(parseWholeNumber('0', range)).toEqual({ ok: false, problem: 'outOfRange' });
    expect(parseWholeNumber('1441', range)).toEqual({ ok: false, problem: 'outOfRange' });
  });
});

describe('withSettingDefaults', () => {
  it('fills what an older server left out', () => {
    expect(withSettingDefaults({ outcomeTagRequired: true, offerTtlSeconds: 120 })).toEqual({
      outcomeTagRequired: true,
      offerTtlSeconds: 120,
      pushRouting: false,
      wrapUpSeconds: 0,
      reservationSeconds: 120,
      capacity: { call: 1, email: 5, chat: 3, manual: 5 },
    });
  });
});

describe('settingsPatch', () => {
  const before = {
    outcomeTagRequired: false,
    offerTtlSeconds: 90,
    pushRouting: false,
    wrapUpSeconds: 0,
    reservationSeconds: 120,
    capacity: { call: 1, email: 5, chat: 3, manual: 5 },
  };

  it('sends nothing for an untouched form, even for an offer time of 1.5 minutes', () => {
    expect(settingsForm(before).offerTtlMinutes).toBe('1.5');
    expect(settingsPatch(before, settingsForm(before))).toEqual({ ok: true, patch: {} });
  });

  it('sends only the changed fields: checkboxes as booleans, minutes as seconds', () => {
    const form = {
      ...settingsForm(before),
      pushRouting: true,
      outcomeTagRequired: true,
      offerTtlMinutes: ' 15 ',
    };
    expect(settingsPatch(before, form)).toEqual({
      ok: true,
      patch: { pushRouting: true, outcomeTagRequired: true, offerTtlSeconds: 900 },
    });
    const times = { ...settingsForm(before), wrapUpSeconds: '45', reservationSeconds: '30' };
    expect(settingsPatch(before, times)).toEqual({
      ok: true,
      patch: { wrapUpSeconds: 45, reservationSeconds: 30 },
    });
  });

  it('sends the four capacities together when one changed, and refuses a wrong one', () => {
    const form = settingsForm(before);
    const two = { ...form, capacity: { ...form.capacity, call: ' 2 ' } };
    expect(settingsPatch(before, two)).toEqual({
      ok: true,
      patch: { capacity: { call: 2, email: 5, chat: 3, manual: 5 } },
    });
    const zero = { ...form, capacity: { ...form.capacity, chat: '0' } };
    expect(settingsPatch(before, zero)).toEqual({ ok: false, capacity: 'outOfRange' });
    const word = { ...form, capacity: { ...form.capacity, email: 'five' } };
    expect(settingsPatch(before, word)).toEqual({ ok: false, capacity: 'notWholeNumber' });
  });

  it('names each wrong field and sends nothing', () => {
    const form = {
      ...settingsForm(before),
      wrapUpSeconds: '3601',
      offerTtlMinutes: '2.5',
      reservationSeconds: '9',
    };
    expect(settingsPatch(before, form)).toEqual({
      ok: false,
      wrapUp: 'outOfRange',
      offerTtl: 'notWholeNumber',
      reservation: 'outOfRange',
    });
  });
});
