// Every table case: the function library prints the expected value (as `packer console` would) or fails
// with the expected summary and detail; where a type is given, the result has exactly that type.

import { describe, expect, it } from 'vitest';
import { typeExpression } from '../../src/value/value.js';
import { caseGroups } from './all-cases.js';
import { consoleText, expectedText, run } from './support.js';

describe.each(caseGroups)('%s functions', (_, cases) => {
  it.each(cases.map((c) => [c.expr, c] as const))('%s', (_, c) => {
    expect(consoleText(c.expr)).toBe(expectedText(c));
    if (c.type) expect(typeExpression(run(c.expr).type)).toBe(c.type);
  });
});
