import { describe, expect, it } from 'vitest';
import {
  canTransition,
  checkDeclineReason,
  missingSkills,
  normalizeOutcomeTag,
  offerExpiry,
  offerIsLive,
} from './task-rules';

// A clock is a number here: each rule takes `now`, so tests pick any moment.
const at = (iso: string) => Date.parse(iso);

describe('status transitions', () => {
  it('any status moves to any other; no status to itself', () => {
    expect(canTransition('open', 'pending')).toBe(true);
    expect(canTransition('open', 'resolved')).toBe(true);
    expect(canTransition('pending', 'open')).toBe(true);
    expect(canTransition('pending', 'resolved')).toBe(true);
    expect(canTransition('resolved', 'open')).toBe(true);
    expect(canTransition('resolved', 'pending')).toBe(true);
    expect(canTransition('resolved', 'resolved')).toBe(false);
    expect(canTransition('open', 'open')).toBe(false);
  });
});

describe('outcome tags', () => {
  it('become one lower-case hashtag', () => {
    expect(normalizeOutcomeTag('refund')).toEqual({ ok: true, tag: '#refund' });
    expect(normalizeOutcomeTag('  #Sold-Upgrade ')).toEqual({ ok: true, tag: '#sold-upgrade' });
    expect(normalizeOutcomeTag('#vrácení_2')).toEqual({ ok: true, tag: '#vrácení_2' });
  });
  it('refuse empty, two words, markup and long ones with a sentence', () => {
    expect(normalizeOutcomeTag('   ')).toEqual({
      ok: false,
      message: 'Give an outcome tag, for example #refund.',
    });
    expect(normalizeOutcomeTag('two words').ok).toBe(false);
    expect(normalizeOutcomeTag('<b>x</b>').ok).toBe(false);
    expect(normalizeOutcomeTag('#'.padEnd(52, 'a'))).toEqual({
      ok: false,
      message: 'An outcome tag can have at most 50 characters.',
    });
  });
});

describe('offers', () => {
  it('name the skills a colleague lacks, in the task order', () => {
    expect(missingSkills(['billing', 'support', 'sales'], ['sales', 'support'])).toEqual([
      'billing',
    ]);
    expect(missingSkills([], [])).toEqual([]);
  });
  it('are live until their expiry, not at it', () => {
    const expiresAt = offerExpiry(at('2030-05-01T10:00:00.000Z'), 600);
    expect(expiresAt).toBe('2030-05-01T10:10:00.000Z');
    const offer = { offeredToId: 'bob', offerExpiresAt: expiresAt };
    expect(offerIsLive(offer, at('2030-05-01T10:09:59.999Z'))).toBe(true);
    expect(offerIsLive(offer, at('2030-05-01T10:10:00.000Z'))).toBe(false);
    expect(offerIsLive({ offeredToId: null, offerExpiresAt: expiresAt }, 0)).toBe(false);
    // Rows cached before expiry times existed: not live (the server has the last word).
    expect(offerIsLive({ offeredToId: 'bob' }, 0)).toBe(false);
  });
  it('need a reason to decline', () => {
    expect(checkDeclineReason('  ')).toEqual({
      ok: false,
      message: 'Say why you decline, so the colleague knows.',
    });
    expect(checkDeclineReason('x'.repeat(501)).ok).toBe(false);
    expect(checkDeclineReason(' On leave ')).toEqual({ ok: true, reason: 'On leave' });
  });
});
