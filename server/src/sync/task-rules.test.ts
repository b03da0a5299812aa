import { describe, expect, it } from 'vitest';
import * as server from './task-rules.js';

// The PWA checks these rules before it queues a mutation, the server before it applies one: the
// same cases run through both copies (the client's is loaded at run time, outside this program).
type Rules = typeof server;
const clientPath = '../../../src/domain/task-rules';
const clientRules = async () => (await import(/* @vite-ignore */ `${clientPath}.ts`)) as Rules;

describe('task rules, server and PWA copies alike', () => {
  it('give the same answers', async () => {
    const client = await clientRules();
    for (const rules of [server, client]) {
      expect(rules.canTransition('resolved', 'open')).toBe(true);
      expect(rules.canTransition('resolved', 'resolved')).toBe(false);
      expect(rules.normalizeOutcomeTag(' #Refund ')).toEqual({ ok: true, tag: '#refund' });
      expect(rules.normalizeOutcomeTag('#').ok).toBe(false);
      expect(rules.missingSkills(['billing', 'sales'], ['sales'])).toEqual(['billing']);
      const offer = { offeredToId: 'u', offerExpiresAt: '2030-01-01T00:10:00.000Z' };
      expect(rules.offerIsLive(offer, Date.parse('2030-01-01T00:09:59.999Z'))).toBe(true);
      expect(rules.offerIsLive(offer, Date.parse('2030-01-01T00:10:00.000Z'))).toBe(false);
      expect(rules.checkDeclineReason(' busy ')).toEqual({ ok: true, reason: 'busy' });
    }
    // Same text after the header comment: a change to one must be made to the other.
    const { readFileSync } = await import('node:fs');
    const body = (path: string) =>
      readFileSync(new URL(path, import.meta.url), 'utf8')
        .split('\n')
        .slice(3)
        .join('\n');
    expect(body('./task-rules.ts')).toBe(body('../../../src/domain/task-rules.ts'));
  });
});
