import { describe, expect, it } from 'vitest';
import type { Attribute, Block, Expression, GetAttrExpr, SplatExpr } from '../../src/hcl/ast.js';
import { parseExpression, parseFile, parseHCL } from '../../src/hcl/parser.js';
import { at, expr, show } from './helpers.js';

describe('expressions', () => {
  it.each([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['1 * 2 + 3', '((1 * 2) + 3)'],
    ['a - b - c', '((a - b) - c)'],
    ['a || b && c', '(a || (b && c))'],
    ['a && b == c', '(a && (b == c))'],
    ['a == b < c', '(a == (b < c))'],
    ['a < b + c', '(a < (b + c))'],
    ['a + b % c', '(a + (b % c))'],
    ['!a && -b', '((!a) && (-b))'],
    ['-a.b', '(-a.b)'],
    ['-46 + 5', '((-46) + 5)'],
    ['!!a', '(!(!a))'],
    ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
    ['a || b ? 1 : 2', '((a || b) ? 1 : 2)'],
    ['(a + b) * c', '(((a + b)) * c)'],
    ['true', 'true'],
    ['null', 'null'],
    ['1e3', '1000'],
    ['1.5E-2', '0.015'],
    ['var.x.y', 'var.x.y'],
    ['a[0]["k"][b]', 'a[0][tpl("k")][b]'],
    ['a.0.b', 'a[0]L.b'],
    ['a.*.b.c', 'splat.*(a; @.b.c)'],
    ['a.*.b[0]', 'splat.*(a; @.b)[0]'],
    ['a[*].b[0].c', 'splat[*](a; @.b[0].c)'],
    ['a[*]', 'splat[*](a; @)'],
    ['f()', 'f()'],
    ['f(1, 2,)', 'f(1, 2)'],
    ['f(a, b...)', 'f(a, b...)'],
    ['provider::ns::fn(1)', 'provider::ns::fn(1)'],
    ['[1, 2, [3]]', '[1, 2, [3]]'],
    ['[\n  1,\n  2\n]', '[1, 2]'],
    ['{ a = 1, "b" : 2 }', '{key:a=1, tpl("b"):2}'],
    ['{\n a = 1\n b = 2\n}', '{key:a=1, key:b=2}'],
    ['{ (a) = 1, a.b = 2, true = 3 }', '{(a)=1, a.b=2, true=3}'],
    ['[for v in xs : v * 2]', 'for(v in xs: (v * 2))'],
    ['[for i, v in xs : v if i > 0]', 'for(i,v in xs: v if (i > 0))'],
    ['{for k, v in m : v => k...}', 'for(k,v in m: v => k...)'],
    ['{\n for k, v in m :\n k => v\n}', 'for(k,v in m: k => v)'],
    ['"${a}"', 'tpl(${a})'],
    ['"a${b}c"', 'tpl("a" ${b} "c")'],
  ])('%s', (text, want) => {
    expect(show(expr(text))).toBe(want);
  });

  it('keeps number source text', () => {
    expect(expr('1.50')).toMatchObject({ kind: 'literal', value: 1.5, raw: '1.50' });
  });

  it('gives ranges to nodes', () => {
    const e = expr('foo(a.b[0], "s")') as Extract<Expression, { kind: 'call' }>;
    expect(at(e.range)).toBe('1:5-1:21');
    expect(at(e.nameRange)).toBe('1:5-1:8');
    expect(at(e.args[0]!.range)).toBe('1:9-1:15');
    const idx = e.args[0] as Extract<Expression, { kind: 'index' }>;
    expect(at(idx.key.range)).toBe('1:13-1:14');
    const get = idx.object as GetAttrExpr;
    expect(at(get.range)).toBe('1:9-1:12');
    expect(at(get.nameRange)).toBe('1:11-1:12');
    expect(at(e.args[1]!.range)).toBe('1:17-1:20');
    expect(e.range.start.offset).toBe(4);
    expect(e.range.end.offset).toBe(20);
  });

  it('gives ranges to operators, conditionals and splats', () => {
    const b = expr('a + b * c') as Extract<Expression, { kind: 'binary' }>;
    expect(at(b.range)).toBe('1:5-1:14');
    expect(at(b.right.range)).toBe('1:9-1:14');
    const c = expr('x ? 1 : 2');
    expect(at(c.range)).toBe('1:5-1:14');
    const s = expr('list[*].id') as SplatExpr;
    expect(at(s.range)).toBe('1:5-1:15');
    expect(at((s.each as GetAttrExpr).object.range)).toBe('1:9-1:12');
    expect(at(s.each.range)).toBe('1:9-1:15');
    const u = expr('-x');
    expect(at(u.range)).toBe('1:5-1:7');
  });

  it('parses a standalone expression', () => {
    const r = parseExpression('merge(a,\n b)', 'cli');
    expect(r.diagnostics).toEqual([]);
    expect(show(r.expr)).toBe('merge(a, b)');
    expect(parseExpression('a b', 'cli').diagnostics.map((d) => d.summary)).toEqual(['Extra characters after expression']);
  });
});

describe('bodies', () => {
  const src = [
    '# comment',
    'variable "region" {',
    '  type    = string',
    '  default = "us-east-1"',
    '}',
    '',
    'source amazon-ebs main { ami_name = "x" }',
    'build {',
    '  provisioner "shell" {',
    '    inline = ["echo hi"]',
    '  }',
    '}',
    'top = 1',
  ].join('\n');

  it('builds attributes and blocks with labels and ranges', () => {
    const r = parseHCL(src, 'main.pkr.hcl');
    expect(r.diagnostics).toEqual([]);
    const [variable, source, build, top] = r.file.body.items as [Block, Block, Block, Attribute];
    expect(variable).toMatchObject({ kind: 'block', type: 'variable', labels: ['region'] });
    expect(at(variable.range)).toBe('2:1-5:2');
    expect(at(variable.typeRange)).toBe('2:1-2:9');
    expect(at(variable.labelRanges[0]!)).toBe('2:10-2:18');
    expect(at(variable.openBraceRange)).toBe('2:19-2:20');
    expect(at(variable.body.range)).toBe('2:19-5:2');
    const def = variable.body.items[1] as Attribute;
    expect(def.name).toBe('default');
    expect(at(def.range)).toBe('4:3-4:24');
    expect(at(def.nameRange)).toBe('4:3-4:10');
    expect(at(def.expr.range)).toBe('4:13-4:24');
    expect(source).toMatchObject({ type: 'source', labels: ['amazon-ebs', 'main'] });
    expect(source.body.items).toHaveLength(1);
    expect(at(source.range)).toBe('7:1-7:42');
    const prov = build.body.items[0] as Block;
    expect(prov.labels).toEqual(['shell']);
    expect(show((prov.body.items[0] as Attribute).expr)).toBe('[tpl("echo hi")]');
    expect(top.name).toBe('top');
    expect(r.file.comments.map((c) => c.text)).toEqual(['# comment']);
    expect(r.file.syntax).toBe('hcl');
    expect(at(r.file.body.range)).toBe('1:1-13:8');
  });

  it('accepts a file without a trailing newline and an empty file', () => {
    expect(parseHCL('a = 1', 't').diagnostics).toEqual([]);
    expect(parseHCL('', 't').file.body.items).toEqual([]);
    expect(parseHCL('\ufeffa = 1\n', 't').diagnostics).toEqual([]);
  });

  it('chooses the syntax by file name', () => {
    expect(parseFile('a = 1\n', 'x.pkr.hcl').file.syntax).toBe('hcl');
    expect(parseFile('{"a": 1}', 'x.pkr.json').file.syntax).toBe('json');
  });
});
