// Search tokens for the multiEntry `words` index: lowercased words, plus a digits-only form of
// phone numbers so "0171 2345" and "+49 171-2345" both find the customer.
import type { WordKey } from './records';

const separators = /[^\p{L}\p{N}@._+-]+/u;
const trimPunctuation = /^[._+-]+|[._+-]+$/g;

export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(separators)) {
    const token = raw.replace(trimPunctuation, '');
    if (token === '') continue;
    if (!/[@._+-]/.test(token)) {
      out.push(token);
      continue;
    }
    // "anna.berg@example.com" is its parts: found by "anna", "berg" and "example", typed whole
    // too. Not the address itself, nor "com": each is an index entry that costs bootstrap time,
    // and a top-level domain finds everyone.
    const parts = token.split(/[@._+-]+/).filter((part) => part !== '');
    if (token.includes('@') && parts.length > 2) parts.pop();
    out.push(...parts);
  }
  return out;
}

/**
 * Words too common to find anything by, left out of the index (a tenth of a title's entries).
 * A query drops them too, unless they are all it has: then they are prefixes like any other.
 */
const stopWords = new Set(
  'about after an and are at be by for from in is it no not of on or our the to was we with my'.split(
    ' ',
  ),
);

/** Calling codes are prefix-free: 1 and 7 are one digit, these two, all others three. */
const twoDigitCodes = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

function countryCodeLength(international: string): number {
  if (/^[17]/.test(international)) return 1;
  return twoDigitCodes.has(international.slice(0, 2)) ? 2 : 3;
}

/**
 * A phone number (or the start of one) as it is indexed and searched: digits only, without the
 * country code and leading zeros, so "+49 171 2345", "0049 171 2345" and "0171 2345" are one word.
 */
function nationalDigits(phone: string): string {
  const digits = phoneDigits(phone);
  const international = /^\s*(\+|00)/.test(phone) ? digits.replace(/^00/, '') : null;
  const national = international ? international.slice(countryCodeLength(international)) : digits;
  return national.replace(/^0+/, '') || digits;
}

function phoneDigits(phone: string): string {
  return phone.replace(/\D+/g, '');
}

/**
 * The index entries for a record: unique tokens of 2 characters or more (a 1-character entry
 * would answer only 1-character queries, and costs a write like any other), without stop words.
 */
export function wordsOf(texts: (string | null)[], phones: (string | null)[] = []): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const token of tokenize(text)) {
      if (token.length > 1 && !stopWords.has(token)) words.add(token);
    }
  }
  for (const phone of phones) {
    const digits = phone ? nationalDigits(phone) : '';
    if (digits !== '') words.add(digits);
  }
  return [...words];
}

/** A search query as index prefixes; a phone-looking query becomes one digits-only prefix. */
export function queryTokens(query: string): string[] {
  const trimmed = query.trim();
  if (trimmed === '') return [];
  if (/^[\d\s()+/-]+$/.test(trimmed)) {
    const digits = nationalDigits(trimmed);
    return digits === '' ? [] : [digits];
  }
  const tokens = [...new Set(tokenize(trimmed))];
  const kept = tokens.filter((token) => !stopWords.has(token));
  return kept.length > 0 ? kept : tokens;
}

/** Every query token must prefix one of the record's words (plain, or a task's [word, at]). */
export function matchesAll(
  words: readonly string[] | readonly WordKey[],
  tokens: readonly string[],
): boolean {
  return tokens.every((token) =>
    words.some((word) => (typeof word === 'string' ? word : word[0]).startsWith(token)),
  );
}
