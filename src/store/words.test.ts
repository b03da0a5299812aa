import { describe, expect, it } from 'vitest';
import { queryTokens, wordsOf } from './words';

describe('index words', () => {
  it('leaves out stop words and 1-letter tokens; an email is its parts, not the address', () => {
    expect(
      wordsOf(['Refund for the cancelled order', 'Anna Berg', 'anna.berg@example.com']),
    ).toEqual(['refund', 'cancelled', 'order', 'anna', 'berg', 'example']);
  });

  it('a phone number as one word: digits without the country code and leading zeros', () => {
    expect(wordsOf([], ['+44 20 7946 0123'])).toEqual(['2079460123']);
    expect(wordsOf([], ['+1 212 555 0100'])).toEqual(['2125550100']);
    expect(wordsOf([], ['+353 1 234 5678'])).toEqual(['12345678']);
    expect(wordsOf([], ['0049 171 2345'])).toEqual(['1712345']);
    expect(wordsOf([], ['030 1234'])).toEqual(['301234']);
  });

  it('a query drops stop words unless they are all it has', () => {
    expect(queryTokens('the router')).toEqual(['router']);
    expect(queryTokens('the')).toEqual(['the']);
    expect(queryTokens('anna.berg@ex')).toEqual(['anna', 'berg']);
    expect(queryTokens('+44 20 79')).toEqual(['2079']);
    expect(queryTokens('020 79')).toEqual(['2079']);
  });
});
