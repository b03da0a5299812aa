import { describe, expect, it } from 'vitest';
import { mentionedIn } from './mentions.js';

const members = [
  { userId: 'a', name: 'Alice Anders' },
  { userId: 'b', name: 'Bob Brown' },
  { userId: 'c', name: 'Bo Chen' },
];

describe('mentions', () => {
  it('finds first or full names after @, in any case, each member once', () => {
    expect(mentionedIn('@bob can you call back?', members)).toEqual(['b']);
    expect(mentionedIn('Thanks @Alice Anders and @BOB.', members)).toEqual(['a', 'b']);
    expect(mentionedIn('(@bob) @bob again', members)).toEqual(['b']);
  });
  it('needs the whole name: @Bo is not @Bob, @Bobby is nobody', () => {
    expect(mentionedIn('@Bo please', members)).toEqual(['c']);
    expect(mentionedIn('@Bobby please', members)).toEqual([]);
  });
  it('an email address or a bare name is not a mention', () => {
    expect(mentionedIn('write to bob@example.com', members)).toEqual([]);
    expect(mentionedIn('Bob said hi', members)).toEqual([]);
  });
});
