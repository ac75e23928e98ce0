import { describe, expect, it } from 'vitest';
import { numericCases, stringCases } from './cases-numeric-string.js';
import { consoleText, expectedText } from './support.js';

describe.each([
  ['numeric', numericCases],
  ['string', stringCases],
])('%s functions', (_, cases) => {
  it.each(cases.map((c) => [c.expr, c] as const))('%s', (_, c) => {
    expect(consoleText(c.expr)).toBe(expectedText(c));
  });
});
