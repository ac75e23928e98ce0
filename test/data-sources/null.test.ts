import { describe, expect, it } from 'vitest';
import { nullDataConfig } from '../../data-sources/null/config.js';
import { nullDataSource } from '../../data-sources/null/index.js';
import { problemsOf } from '../support/config.js';

describe('null data source', () => {
  it('returns its input as its output', async () => {
    const ctx = { signal: new AbortController().signal, env: {}, cwd: '.', ui: { warn: () => undefined } };
    expect(await nullDataSource.execute({ input: 'hi' }, ctx)).toEqual({ output: 'hi' });
  });

  it('requires a non-empty input, with Packer\'s message', () => {
    expect(problemsOf(nullDataConfig, {})).toEqual(['The argument "input" is required in configuration, but no definition was found.']);
    expect(problemsOf(nullDataConfig, { input: '' })).toEqual(['The `input` must be specified']);
  });
});
