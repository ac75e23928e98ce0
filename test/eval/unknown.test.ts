// Unknown values (what `validate` has where a value is known only at build time) propagate through expressions:
// an operation on an unknown is unknown, not an error, unless its type alone already rules the operation out.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/evaluate.js';
import { createScope } from '../../src/eval/scope.js';
import { functions } from '../../src/functions/index.js';
import { parseHCLExpression } from '../../src/hcl/parser.js';
import { formatValue } from '../../src/value/format.js';
import { T, Value } from '../../src/value/value.js';
import { needs, packer } from '../support/needs.js';
import { CONSOLE_TEMPLATE, evaluateWithPacker } from '../support/packer-console.js';

// In Packer 1.6.6's console `build` is an unknown object without attributes, and so `build[0]` is an unknown value
// of any type (cty.DynamicVal): the same expressions run in both, `build[0]` standing for a data source's output.
const scope = createScope(
  { build: Value.unknown(T.emptyObject), var: Value.object({ format: Value.string('JSON') }) },
  functions,
  { baseDir: '.', cwd: process.cwd(), env: {}, now: () => new Date('2024-01-02T03:04:05Z') },
);
const TEMPLATE = `${CONSOLE_TEMPLATE}variable "format" {\n  default = "JSON"\n}\n`;

function run(src: string) {
  const parsed = parseHCLExpression(src, '<test>');
  expect(parsed.diagnostics).toEqual([]);
  return evaluate(parsed.expr, scope);
}

/** Expression -> what `packer console` prints. */
const VALUES: { src: string; want: string }[] = [
  // the chosen branch of a known condition is the result, whatever the other branch's type
  { src: '(var.format == "JSON" ? jsondecode(build[0]) : { key = build[0] }).project_id', want: '<unknown>' },
  { src: '(var.format == "JSON" ? build[0] : { key = "a" }).project_id', want: '<unknown>' },
  { src: '(var.format != "JSON" ? build[0] : { key = "a" }).key', want: 'a' },
  { src: '(var.format == "JSON" ? "x" : build[0])', want: 'x' },
  { src: '(var.format == "JSON" ? 5 : build[0])', want: '5' },
  { src: '(var.format == "JSON" ? build[0] : [1])[7]', want: '<unknown>' },
  { src: '(var.format == "JSON" ? build[0] : "s")[0]', want: '<unknown>' },
  { src: '(var.format == "JSON" ? build[0] : {}).a.b.c', want: '<unknown>' },
  { src: '(var.format == "JSON" ? build[0] : true) ? 1 : 2', want: '<unknown>' },
  { src: '(var.format == "JSON" ? build[0] : 5) + 1', want: '<unknown>' },
  { src: '[for x in (var.format == "JSON" ? build[0] : "s"): x]', want: '<unknown>' },
  { src: '(var.format == "JSON" ? { key = build[0] } : { other = "a" }).key', want: '<unknown>' },
  { src: '(var.format == "JSON" ? {a=1} : null).a', want: '1' },
  // an unknown condition
  { src: '(build[0] ? { key = "a" } : { key = "b" }).key', want: '<unknown>' },
  { src: '(build[0] ? build[0] : { a = 1 }).b', want: '<unknown>' },
  { src: '(build[0] ? null : null)', want: '<unknown>' },
  // attributes, indices and splats of unknowns
  { src: 'build[0].project_id', want: '<unknown>' },
  { src: 'build[0].a.b[2]', want: '<unknown>' },
  { src: 'build["x"]', want: '<unknown>' },
  { src: 'build[0][1]', want: '<unknown>' },
  { src: 'build[0][build[0]]', want: '<unknown>' },
  { src: '"a"[build[0]]', want: '<unknown>' },
  { src: '[1, 2][build[0]]', want: '<unknown>' },
  { src: '{ a = 1 }[build[0]]', want: '<unknown>' },
  { src: '[build[0]][0].x', want: '<unknown>' },
  { src: '{ key = build[0] }.key', want: '<unknown>' },
  { src: '{ (build[0]) = 1 }.x', want: '<unknown>' },
  { src: 'build[0][*].x', want: '<unknown>' },
  { src: 'build.*', want: '<unknown>' },
  { src: '{ a = build[0] }[*].a', want: '<unknown>' },
  { src: 'split(",", build[0])[*]', want: '<unknown>' },
  { src: 'length(split(",", build[0])[*])', want: '<unknown>' },
  { src: 'null[*].x', want: '<unknown>' },
  { src: '[for x in build[0]: x]', want: '<unknown>' },
  { src: '[for x in build: x]', want: '<unknown>' },
  { src: '{ for k, v in build[0] : k => v }', want: '<unknown>' },
  { src: '{ for k in ["a"]: build[0] => k }.x', want: '<unknown>' },
  { src: '[for x in [1]: build[0]][0].foo', want: '<unknown>' },
  { src: 'length([for x in [1]: x if build[0]])', want: '<unknown>' },
  // operators, templates and functions
  { src: 'build[0] == 1', want: '<unknown>' },
  { src: 'build[0] && true', want: '<unknown>' },
  { src: '!build[0]', want: '<unknown>' },
  { src: '-build[0]', want: '<unknown>' },
  { src: '"${build[0]}x"', want: '<unknown>' },
  { src: '"%{ if build[0] }a%{ endif }"', want: '<unknown>' },
  { src: '"%{ for x in build[0] }a%{ endfor }"', want: '<unknown>' },
  { src: 'jsondecode(build[0])', want: '<unknown>' },
  { src: 'lookup(build[0], "x", "y")', want: '<unknown>' },
  { src: 'length(build[0])', want: '<unknown>' },
  { src: 'merge(build[0], { a = 1 }).b', want: '<unknown>' },
  { src: 'concat(build[0], [1])', want: '<unknown>' },
  { src: 'element(build[0], 1)', want: '<unknown>' },
  { src: 'flatten([build[0]])', want: '<unknown>' },
];

/** Where the types alone rule the operation out, an unknown does not hide the error: expression -> Packer's summary. */
const ERRORS: { src: string; summary: string }[] = [
  { src: '(var.format != "JSON" ? build[0] : { key = "a" }).project_id', summary: 'Unsupported attribute' },
  { src: '(build[0] ? { key = "a" } : { key = "b" }).project_id', summary: 'Unsupported attribute' },
  { src: '(var.format == "JSON" ? { key = build[0] } : { key = "a" }).other', summary: 'Unsupported attribute' },
  { src: '(var.format == "JSON" ? { key = build[0] } : { key = "a" }).key.sub', summary: 'Unsupported attribute' },
  { src: '(var.format == "JSON" ? { key = build[0] } : { other = "a" }).nope', summary: 'Missing map element' },
  { src: '(var.format == "JSON" ? [build[0]] : [1, 2])[1]', summary: 'Invalid index' },
  { src: '(var.format == "JSON" ? null : { a = 1 }).a', summary: 'Attempt to get attribute from null value' },
  { src: '(false ? build[0] : null).foo', summary: 'Attempt to get attribute from null value' },
  { src: '(true ? null : null)[0]', summary: 'Attempt to index null value' },
  { src: '[build[0], 1][*].x', summary: 'Unsupported attribute' },
  { src: 'split(",", build[0])[*].x', summary: 'Unsupported attribute' },
  { src: 'build[*].x', summary: 'Unsupported attribute' },
  { src: '(true ? null : [1])[*]', summary: 'Splat of null value' },
];

describe('unknown values', () => {
  it.each(VALUES)('$src', ({ src, want }) => {
    const r = run(src);
    expect(r.diagnostics.map((d) => `${d.summary}: ${d.detail}`)).toEqual([]);
    expect(formatValue(r.value)).toBe(want);
  });

  it.each(ERRORS)('error: $src', ({ src, summary }) => {
    expect(run(src).diagnostics.map((d) => d.summary)).toEqual([summary]);
  });

  it('passes the chosen branch through unconverted when the other one is of undecided type', () => {
    const r = run('var.format == "JSON" ? { a = 1 } : build[0]');
    expect(r.value.type).toEqual(T.object({ a: T.number }));
  });
});

needs(packer).describe('unknown values agree with Packer 1.6.6', () => {
  it('prints what packer console prints, values and errors', async () => {
    const cases = [
      ...VALUES.map((c) => ({ src: c.src, want: c.want, agrees: (out: string) => out.replace(/\n+$/, '') === c.want })),
      ...ERRORS.map((c) => ({ src: c.src, want: `Error: ${c.summary}`, agrees: (out: string) => out.includes(`Error: ${c.summary}\n`) })),
    ];
    const got = await evaluateWithPacker(
      cases.map((c) => c.src),
      { template: TEMPLATE },
    );
    const mismatches = cases.flatMap((c, i) => (c.agrees(got[i]!) ? [] : [{ src: c.src, want: c.want, packer: got[i] }]));
    expect(mismatches).toEqual([]);
  });
});
