import { describe, expect, it } from 'vitest';
import type { TemplateExpr, TemplateFor, TemplateIf, TemplateInterp, TemplatePart } from '../../src/hcl/ast.js';
import { parseTemplate } from '../../src/hcl/parser.js';
import { at, expr, show } from './helpers.js';

function tpl(text: string): TemplateExpr {
  const e = expr(text);
  if (e.kind !== 'template') throw new Error(`not a template: ${e.kind}`);
  return e;
}

/** Renders parts with literal text as is and other parts as markers. */
function flat(parts: readonly TemplatePart[]): string {
  return parts
    .map((p) => {
      switch (p.kind) {
        case 'tliteral':
          return p.value;
        case 'tinterp':
          return `<${show(p.expr)}>`;
        case 'tif':
          return `<if ${show(p.cond)}>${flat(p.then)}${p.else ? `<else>${flat(p.else)}` : ''}<endif>`;
        case 'tfor':
          return `<for ${p.keyVar ? p.keyVar + ',' : ''}${p.valueVar} in ${show(p.collection)}>${flat(p.body)}<endfor>`;
      }
    })
    .join('|');
}

describe('templates', () => {
  it.each([
    ['"plain"', 'plain'],
    ['""', ''],
    ['"a\\nb\\t\\"q\\" \\\\ \\u00e9 \\U0001F600"', 'a\nb\t"q" \\ é 😀'],
    ['"$${literal} %%{also}"', '${literal} %{also}'],
    ['"cost: $5 and 100%"', 'cost: $5 and 100%'],
    ['"a ${b} c"', 'a |<b>| c'],
    ['"a   ${~ b ~}   c"', 'a|<b>|c'],
    ['"a \\n ${~b}"', 'a|<b>'],
    ['"x %{ if c }yes%{ else }no%{ endif } y"', 'x |<if c>yes<else>no<endif>| y'],
    ['"x %{~ if c ~}  yes  %{~ endif ~} y"', 'x|<if c>yes<endif>|y'],
    ['"%{ for k, v in m }${k}=${v},%{ endfor }"', '<for k,v in m><k>|=|<v>|,<endfor>'],
    ['"%{for x in xs}%{if x}a%{endif}%{endfor}"', '<for x in xs><if x>a<endif><endfor>'],
    ['"${ {a = 1}.a }"', '<{key:a=1}.a>'],
  ])('%s', (text, want) => {
    expect(flat(tpl(text).parts)).toBe(want);
  });

  it('keeps a lone interpolation as a template with one tinterp part', () => {
    const t = tpl('"${var.x}"');
    expect(t.parts).toHaveLength(1);
    expect(t.parts[0]).toMatchObject({ kind: 'tinterp', stripLeft: false, stripRight: false });
  });

  it('keeps strip flags', () => {
    const t = tpl('"${~ a ~} %{~ if b }c%{ else ~}d%{~ endif ~}"');
    expect(t.parts[0]).toMatchObject({ kind: 'tinterp', stripLeft: true, stripRight: true });
    const tif = t.parts.find((p) => p.kind === 'tif') as TemplateIf;
    expect(tif.strip).toEqual({ if: { left: true, right: false }, else: { left: false, right: true }, endif: { left: true, right: true } });
    const tfor = tpl('"%{~ for x in y ~}${x}%{ endfor ~}"').parts[0] as TemplateFor;
    expect(tfor.strip).toEqual({ for: { left: true, right: true }, endfor: { left: false, right: true } });
  });

  it('gives ranges to template parts', () => {
    const t = tpl('"ab${c}d%{if e}f%{endif}"');
    expect(at(t.range)).toBe('1:5-1:30');
    expect(t.parts.map((p) => at(p.range))).toEqual(['1:6-1:8', '1:8-1:12', '1:12-1:13', '1:13-1:29']);
    expect(at((t.parts[1] as TemplateInterp).expr.range)).toBe('1:10-1:11');
  });

  it('reads heredocs', () => {
    const t = tpl('<<EOT\n  hello ${name}\n    world\nEOT\n');
    expect(flat(t.parts)).toBe('  hello |<name>|\n    world\n');
    expect(t.heredoc).toEqual({ marker: 'EOT', indent: false });
    expect(at(t.range)).toBe('1:5-4:4');
  });

  it('unindents flush heredocs by the smallest indentation', () => {
    const t = tpl('<<-EOT\n    a\n      b\n\n    c ${d}\n    EOT\n');
    expect(flat(t.parts)).toBe('a\n  b\n\nc |<d>|\n');
    expect(t.heredoc).toEqual({ marker: 'EOT', indent: true });
    expect(at(t.parts[0]!.range)).toBe('2:5-5:7');
  });

  it('does not unindent when a line starts with an interpolation', () => {
    expect(flat(tpl('<<-EOT\n  a\n${b}\nEOT\n').parts)).toBe('  a\n|<b>|\n');
  });

  it('applies strip markers to one heredoc line only, before unindenting', () => {
    expect(flat(tpl('<<-EOT\n   hi ${~ x ~}\n    there\n   EOT\n').parts)).toBe('hi|<x>|    there\n');
  });

  it('leaves backslashes alone in heredocs', () => {
    expect(flat(tpl('<<EOT\nC:\\path\\n $${x}\nEOT\n').parts)).toBe('C:\\path\\n ${x}\n');
  });

  it('parses a whole text as a template', () => {
    const r = parseTemplate('Hello ${name}!\n%{ for x in xs ~}\n- ${x}\n%{ endfor ~}\n', 'greeting.tpl');
    expect(r.diagnostics).toEqual([]);
    // Stripped literals stay as empty parts, as in HCL.
    expect(flat(r.expr.parts)).toBe('Hello |<name>|!\n|<for x in xs>- |<x>|\n<endfor>|');
  });
});
