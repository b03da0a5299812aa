import { describe, expect, it } from 'vitest';
import { toE164 } from './number';

describe('toE164 (libphonenumber-js min metadata)', () => {
  it('keeps international numbers and fills in the region for national ones', () => {
    expect(toE164('+420 603 123 456', null)).toBe('+420603123456');
    expect(toE164('603 123 456', 'CZ')).toBe('+420603123456');
    expect(toE164('(201) 555-0123', 'US')).toBe('+12015550123');
  });

  it('refuses national numbers without a region and impossible ones', () => {
    expect(toE164('603 123 456', null)).toBeNull();
    expect(toE164('+1 2', null)).toBeNull();
  });
});
