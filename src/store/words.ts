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
    // "anna.berg@example.com" is also found by "berg" and "example".
    if (/[@._+-]/.test(token)) {
      for (const part of token.split(/[@._+-]+/)) if (part !== '') out.push(part);
    }
  }
  return out;
}

function phoneDigits(phone: string): string {
  return phone.replace(/\D+/g, '');
}

/** The index entries for a record: unique tokens, ≥ 1 character. */
export function wordsOf(texts: (string | null)[], phones: (string | null)[] = []): string[] {
  const words = new Set<string>();
  for (const text of texts) if (text) for (const token of tokenize(text)) words.add(token);
  for (const phone of phones) {
    if (!phone) continue;
    const digits = phoneDigits(phone);
    if (digits === '') continue;
    words.add(digits);
    // "+49 171 2345" is typed as "0171 2345" too: the query drops leading zeros, and here the
    // country code (1 to 3 digits, unknown without a numbering plan) is dropped each possible way.
    const international = /^\s*(\+|00)/.test(phone) ? digits.replace(/^00/, '') : null;
    if (international) for (const cut of [0, 1, 2, 3]) words.add(international.slice(cut));
    else words.add(digits.replace(/^0+/, ''));
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
