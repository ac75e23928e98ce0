import { describe, expect, it } from 'vitest';
import { nullDataSource } from '../../data-sources/null/index.js';

describe('null data source', () => {
  it('returns its input as its output', async () => {
    const ctx = { signal: new AbortController().signal, env: {}, cwd: '.', ui: { warn: () => undefined } };
    expect(await nullDataSource.execute({ input: 'hi' }, ctx)).toEqual({ output: 'hi' });
  });

  it('requires a non-empty input, with Packer\'s message', () => {
    expect(nullDataSource.schema.attributes.input!.required).toBe(true);
    expect(nullDataSource.schema.validate!({ input: '' })).toEqual([{ message: 'The `input` must be specified', attribute: 'input' }]);
  });
});
