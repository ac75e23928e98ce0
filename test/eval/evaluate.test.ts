import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/evaluate.js';
import { createScope } from '../../src/eval/scope.js';
import { functions } from '../../src/functions/index.js';
import { parseHCLExpression as parseExpression } from '../../src/hcl/parser.js';
import { formatValue } from '../../src/value/format.js';
import { Value } from '../../src/value/value.js';
import { needs, packer } from '../support/needs.js';
import { evaluateWithPacker } from '../support/packer-console.js';

const scope = createScope(
  {
    var: Value.object({
      images: Value.tuple([
        Value.object({ name: Value.string('web'), size: Value.number(10) }),
        Value.object({ name: Value.string('db'), size: Value.number(40) }),
      ]),
      token: Value.string('hunter2').mark('sensitive'),
    }),
  },
  functions,
  { baseDir: '.', cwd: process.cwd(), env: {}, now: () => new Date('2024-01-02T03:04:05Z') },
);

function run(src: string) {
  const parsed = parseExpression(src, '<test>');
  expect(parsed.diagnostics.map((d) => d.summary)).toEqual([]);
  return evaluate(parsed.expr, scope);
}

/** Expression -> what `packer console` prints. `oracle: false` where Packer 1.6.6 cannot evaluate it (needs our scope, or newer HCL). */
const VALUES: { src: string; want: string; oracle?: boolean }[] = [
  { src: '1 + 2 * 3', want: '7' },
  { src: '(1 + 2) * 3', want: '9' },
  { src: '10 / 4', want: '2.5' },
  { src: '-3 % 2', want: '-1' },
  { src: '7.5 % 2', want: '1.5' },
  { src: '5 % 0', want: '5' },
  { src: '0.1 + 0.2', want: '0.3' },
  { src: '1 / 3', want: '0.3333333333333333' },
  { src: '0.3 - 0.1', want: '0.2' },
  { src: '1.1 * 3', want: '3.3' },
  { src: '"${0.1 + 0.2}"', want: '0.3' },
  { src: '2e-7 * 3', want: '6e-07' },
  { src: '1e21 + 1', want: '1e+21' },
  { src: '-7 % 3', want: '-1' },
  { src: '1 / 0', want: '+Inf' },
  { src: '2 > "1"', want: 'true' },
  { src: '1 == "1"', want: 'false' },
  { src: '[1, "a"] == [1, "a"]', want: 'true' },
  { src: 'true && !false || false', want: 'true' },
  { src: '1 < 2 == true', want: 'true' },
  { src: '!true == false', want: 'true' },
  { src: 'true ? 1 : "a"', want: '1' },
  { src: 'false ? "x" : 2', want: '2' },
  { src: '"a-${1 + 1}-${true}"', want: 'a-2-true' },
  { src: '"${[1]}"', want: '[\n  1,\n]' },
  { src: '"%{ if true }yes%{ else }no%{ endif }"', want: 'yes' },
  { src: '"%{ for x in [1, 2, 3] }${x},%{ endfor }"', want: '1,2,3,' },
  { src: '"a %{~ if true ~} b %{~ endif ~} c"', want: 'abc' },
  { src: '"$${literal} %%{x}"', want: '${literal} %{x}' },
  { src: '[for x in [1, 2, 3] : x * 2]', want: '[\n  2,\n  4,\n  6,\n]' },
  { src: '[for i, x in ["a", "b"] : "${i}${x}"]', want: '[\n  "0a",\n  "1b",\n]' },
  { src: '{ for x in ["a", "b"] : x => upper(x) }', want: '{\n  "a" = "A"\n  "b" = "B"\n}' },
  { src: '{ for x in ["a", "ab", "b"] : substr(x, 0, 1) => x... }', want: '{\n  "a" = [\n    "a",\n    "ab",\n  ]\n  "b" = [\n    "b",\n  ]\n}' },
  { src: '[for x in [1, 2, 3, 4] : x if x % 2 == 0]', want: '[\n  2,\n  4,\n]' },
  { src: '{ a = { b = [10, 20] } }.a.b[1]', want: '20' },
  { src: '{ a = [1, 2] }["a"][0]', want: '1' },
  { src: '[[1, 2], [3]].0', want: '[\n  1,\n  2,\n]' },
  { src: '[{ n = 1 }, { n = 2 }][*].n', want: '[\n  1,\n  2,\n]' },
  { src: '[{ n = 1 }, { n = 2 }].*.n', want: '[\n  1,\n  2,\n]' },
  { src: '"abc".*', want: '[\n  "abc",\n]' },
  { src: 'max([1, 5, 3]...)', want: '5' },
  { src: 'upper("abc")', want: 'ABC' },
  { src: '{ "quoted key" = 1, bare = 2 }', want: '{\n  "bare" = 2\n  "quoted key" = 1\n}' },
  { src: 'join(",", var.images[*].name)', want: 'web,db', oracle: false },
  { src: 'max([for i in var.images : i.size]...)', want: '40', oracle: false },
  { src: 'null', want: 'null' },
  { src: '<<EOT\nhello\n  world\nEOT\n', want: 'hello\n  world\n' },
  { src: 'can(1 + "x")', want: 'false', oracle: false },
  { src: 'try(1 + "x", "fallback")', want: 'fallback', oracle: false },
  { src: 'convert(["a", "b"], set(string))', want: '[\n  "a",\n  "b",\n]', oracle: false },
];

/** Expression -> the diagnostic summary Packer reports. */
const ERRORS: { src: string; summary: string; detail?: RegExp }[] = [
  { src: '"a" + 1', summary: 'Invalid operand', detail: /left operand: a number is required/ },
  { src: 'true && 1', summary: 'Invalid operand', detail: /right operand: bool required/ },
  { src: '!1', summary: 'Invalid operand', detail: /unary operand: bool required/ },
  { src: 'null + 1', summary: 'Operation failed' },
  { src: '{ a = 1 }.b', summary: 'Unsupported attribute', detail: /named "b"/ },
  { src: '{ abc = 1 }.abd', summary: 'Unsupported attribute', detail: /Did you mean "abc"\?/ },
  { src: '{ a = 1 }["b"]', summary: 'Invalid index' },
  { src: '[1, 2][5]', summary: 'Invalid index' },
  { src: '"abc"[0]', summary: 'Invalid index', detail: /does not have any indices/ },
  { src: '1 ? 1 : 2', summary: 'Incorrect condition type' },
  { src: 'null ? 1 : 2', summary: 'Null condition' },
  { src: '[for x in "abc" : x]', summary: 'Iteration over non-iterable value' },
  { src: '{ for x in [1, 1] : x => x }', summary: 'Duplicate object key' },
  { src: 'nope', summary: 'Unknown variable' },
  { src: 'uper("a")', summary: 'Call to unknown function', detail: /Did you mean "upper"\?/ },
  { src: 'upper(1, 2)', summary: 'Too many function arguments' },
  { src: 'upper()', summary: 'Not enough function arguments' },
  { src: 'upper([1])', summary: 'Invalid function argument', detail: /"str" parameter: string required/ },
  { src: 'max(1...)', summary: 'Invalid expanding argument value' },
  { src: '"${null}x"', summary: 'Invalid template interpolation value' },
  { src: 'try(1 + "x", nope)', summary: 'Error in function call' },
];

describe('evaluate', () => {
  it.each(VALUES)('$src', ({ src, want }) => {
    const r = run(src);
    expect(r.diagnostics).toEqual([]);
    expect(formatValue(r.value)).toBe(want);
  });

  it.each(ERRORS)('error: $src', ({ src, summary, detail }) => {
    const r = run(src);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]!.summary).toBe(summary);
    if (detail) expect(r.diagnostics[0]!.detail).toMatch(detail);
    expect(r.diagnostics[0]!.range?.start.line).toBe(1);
  });

  it('points errors at the operand at fault', () => {
    const r = run('1 + "x"');
    expect(r.diagnostics[0]!.range!.start.column).toBe(5);
  });

  it('reports every independent error of an expression', () => {
    const r = run('[nope1, nope2]');
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Unknown variable', 'Unknown variable']);
  });

  it('keeps sensitive marks through operations', () => {
    const r = run('"token=${var.token}"');
    expect(r.value.hasMark('sensitive')).toBe(true);
    expect(run('upper(var.token)').value.hasMark('sensitive')).toBe(true);
    expect(run('[var.token]').value.hasMarkDeep('sensitive')).toBe(true);
  });

  it('propagates unknown values instead of failing', () => {
    const unknownScope = createScope({ x: Value.unknown() }, functions, scope.fnContext);
    const parsed = parseExpression('upper(x) == "A" ? 1 : 2', '<test>');
    const r = evaluate(parsed.expr, unknownScope);
    expect(r.diagnostics).toEqual([]);
    expect(r.value.known).toBe(false);
  });
});

needs(packer).describe('evaluate agrees with Packer 1.6.6', () => {
  // One line per expression on the console's stdin: multi-line ones (heredocs) cannot be sent.
  const cases = VALUES.filter((c) => c.oracle !== false && !c.src.includes('\n'));
  it('prints what packer console prints', async () => {
    const got = await evaluateWithPacker(cases.map((c) => c.src));
    const mismatches = cases.map((c, i) => ({ src: c.src, want: c.want, packer: got[i]!.replace(/\n+$/, '') })).filter((m) => m.packer !== m.want);
    expect(mismatches).toEqual([]);
  });
});
