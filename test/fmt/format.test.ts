import { describe, expect, it } from 'vitest';
import { formatHCL } from '../../src/fmt/format.js';
import { FORMAT_CASES } from './cases.js';
import { needs, packer } from '../support/needs.js';
import { packerFormat } from './packer-fmt.js';

describe('formatHCL: the rules of packer fmt', () => {
  it.each(FORMAT_CASES)('%s', (_name, input, expected) => {
    expect(formatHCL(input)).toBe(expected);
  });

  it.each(FORMAT_CASES)('%s is stable when formatted again', (_name, input) => {
    const once = formatHCL(input);
    expect(formatHCL(once)).toBe(once);
  });

  it('keeps every comment and all text but spaces', () => {
    const input = '# a\nx   =   1   // b\n/* c\n  d */\ny = "  ${ z }  " # e\n';
    const out = formatHCL(input);
    for (const c of ['# a', '// b', '/* c\n  d */', '# e', '"  ${z}  "']) expect(out).toContain(c);
    expect(out.replace(/\s+/g, '')).toBe(input.replace(/\s+/g, ''));
  });

  it('lays out text that does not parse without failing', () => {
    expect(formatHCL('a = [1,\nb {')).toBe('a = [1,\n  b {');
  });

  needs(packer).it('the recorded expectations are what Packer prints', async () => {
    const got = await packerFormat(FORMAT_CASES.map(([name, text]) => ({ name: `${name}.pkr.hcl`, text })));
    got.forEach((r, i) => expect([FORMAT_CASES[i]![0], r]).toEqual([FORMAT_CASES[i]![0], { ok: true, output: FORMAT_CASES[i]![2] }]));
  });
});
