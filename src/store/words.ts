// Search tokens for the multiEntry `words` index: lowercased words, plus a digits-only form of
// phone numbers so "0171 2345" and "+49 171-2345" both find the customer.

const separators = /[^\p{L}\p{N}@._+-]+/u;
const trimPunctuation = /^[._+-]+|[._+-]+$/g;

export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(separators)) {
    const token = raw.replace(trimPunctuation, '');
    if (token === '') continue;
    out.push(token);
    // "anna.berg@example.com" is also found by "berg" and "example" (not by "com": every
    // index entry costs bootstrap time, and a top-level domain finds everyone).
    if (/[@._+-]/.test(token)) {
      const parts = token.split(/[@._+-]+/).filter((part) => part !== '');
      if (token.includes('@') && parts.length > 2) parts.pop();
      out.push(...parts);
    }
  }
  return out;
}

function phoneDigits(phone: string): string {
  return phone.replace(/\D+/g, '');
}

/**
 * The index entries for a record: unique tokens of 2 characters or more (a 1-character entry
 * would answer only 1-character queries, and costs a write like any other).
 */
export function wordsOf(texts: (string | null)[], phones: (string | null)[] = []): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    if (text) for (const token of tokenize(text)) if (token.length > 1) words.add(token);
  }
  for (const phone of phones) {
    if (!phone) continue;
    const digits = phoneDigits(phone);
    if (digits === '') continue;
    words.add(digits.replace(/^00/, ''));
    // "+49 171 2345" is typed as "0171 2345" too: the query drops leading zeros, and here the
    // country code is dropped: 1 digit for +1 and +7, else 2 or 3 (unknown without a numbering
    // plan, so both).
    const international = /^\s*(\+|00)/.test(phone) ? digits.replace(/^00/, '') : null;
    if (!international) words.add(digits.replace(/^0+/, ''));
    else if (/^[17]/.test(international)) words.add(international.slice(1));
    else for (const cut of [2, 3]) words.add(international.slice(cut));
  }
  return [...words];
}

/** A search query as index prefixes; a phone-looking query becomes one digits-only prefix. */
export function queryTokens(query: string): string[] {
  const trimmed = query.trim();
  if (trimmed === '') return [];
  if (/^[\d\s()+/-]+$/.test(trimmed)) {
    const digits = phoneDigits(trimmed);
    return digits === '' ? [] : [digits.replace(/^0+/, '') || digits];
  }
  return [...new Set(tokenize(trimmed))];
}

/** Every query token must prefix one of the record's words. */
export function matchesAll(words: readonly string[], tokens: readonly string[]): boolean {
  return tokens.every((token) => words.some((word) => word.startsWith(token)));
}
