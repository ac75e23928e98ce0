import { describe, expect, it } from 'vitest';
import { createScope } from '../../src/eval/scope.js';
import { functions } from '../../src/functions/index.js';
import { parseHCL } from '../../src/hcl/parser.js';
import { blocks, declareConfig, opt } from '../../src/plugin/config.js';
import { decodePluginConfig } from '../../src/template/plugin-config.js';
import { T, Value } from '../../src/value/value.js';

const DECLARATION = declareConfig({ name: opt.string('A name.'), tag: blocks('Tags.', { key: opt.string('A key.') }) });

function decode(text: string, requireKnown: boolean) {
  const file = parseHCL(text, 'c.pkr.hcl');
  const scope = createScope({ later: Value.unknown(T.list(T.string)), soon: Value.unknown(T.string) }, functions, { baseDir: '.', cwd: '.', env: {}, now: () => new Date() });
  return decodePluginConfig({ bodies: [file.file.body], reserved: [], requireKnown }, DECLARATION, scope, 'source "x" "y"', { cwd: '.', templateDir: '.', env: {} });
}

describe('decodePluginConfig with values not known yet', () => {
  const text = 'name = soon\ndynamic "tag" {\n  for_each = later\n  content { key = tag.value }\n}\ntag { key = soon }\n';

  it('leaves them out when checking', () => {
    const r = decode(text, false);
    expect(r.diagnostics).toEqual([]);
    expect(r.config).toEqual({ name: undefined, tag: [{ key: undefined }] });
  });

  it('reports each where it is written when the configuration is for running', () => {
    const r = decode(text, true);
    const located = r.diagnostics.map((d) => [d.summary, d.range?.start.line, d.range?.start.column]);
    expect(located.sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ['Value not known', 1, 8],
      ['Value not known', 3, 14],
      ['Value not known', 6, 13],
    ]);
    expect(r.diagnostics.find((d) => d.range?.start.line === 3)!.detail).toBe(
      'The value of the for_each of dynamic "tag" in source "x" "y" is not known, so it cannot run: it depends on a data source that was not executed or on a value that could not be evaluated.',
    );
  });
});
