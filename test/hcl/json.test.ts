import { describe, expect, it } from 'vitest';
import type { Attribute, Block, JsonObject, TemplateExpr, TemplateInterp } from '../../src/hcl/ast.js';
import { parseHCLJSON } from '../../src/hcl/json.js';
import { resolveJsonBody, type BodySchema } from '../../src/hcl/json-body.js';
import { at, show } from './helpers.js';

describe('parseHCLJSON', () => {
  it('keeps ranges of every value', () => {
    const src = '{\n  "a": [1, -2.5e1, true, null],\n  "b": {"c": "d\\n"}\n}';
    const r = parseHCLJSON(src, 't.pkr.json');
    expect(r.diagnostics).toEqual([]);
    const root = r.file.body.json!;
    expect(r.file.body.items).toEqual([]);
    expect(r.file.syntax).toBe('json');
    expect(root.props.map((p) => p.name)).toEqual(['a', 'b']);
    expect(at(root.props[0]!.nameRange)).toBe('2:3-2:6');
    const a = root.props[0]!.value;
    expect(a.kind).toBe('jarray');
    if (a.kind !== 'jarray') return;
    expect(a.items.map((v) => v.kind)).toEqual(['jnumber', 'jnumber', 'jbool', 'jnull']);
    expect(a.items[1]).toMatchObject({ value: -25, raw: '-2.5e1' });
    expect(at(a.items[1]!.range)).toBe('2:12-2:18');
    const b = root.props[1]!.value as JsonObject;
    expect(b.props[0]!.value).toMatchObject({ kind: 'jstring', value: 'd\n' });
    expect(at(b.props[0]!.value.range)).toBe('3:14-3:19');
  });

  it('keeps duplicate property names', () => {
    const r = parseHCLJSON('{"a": 1, "a": 2}', 't.json');
    expect(r.file.body.json!.props.map((p) => p.name)).toEqual(['a', 'a']);
  });

  it.each([
    ['{"a": 1,}', 'Trailing comma in object @1:9'],
    ['{"a" = 1}', 'Missing property value colon @1:6'],
    ['{"a": tru}', 'Invalid JSON keyword @1:7'],
    ['{"a": [1 2]}', 'Missing array separator @1:10'],
    ['{"a": "x\\q"}', 'Invalid JSON string @1:9'],
    ['{"a": 1} x', 'Extraneous data after value @1:10'],
    ['{"a": 1', 'Unclosed object @1:1'],
    ['{a: 1}', 'Invalid property name @1:2'],
    ['[1]', 'Root value must be object @1:1'],
    ['', 'Missing JSON value @1:1'],
    ['{\n  "a": 01\n}', 'Missing property separator @2:9'],
  ])('reports %j', (src, want) => {
    const r = parseHCLJSON(src, 't.json');
    expect(r.diagnostics.map((d) => `${d.summary} @${d.range!.start.line}:${d.range!.start.column}`)).toEqual([want]);
  });

  it('limits nesting depth', () => {
    const r = parseHCLJSON(`{"a": ${'['.repeat(10000)}${']'.repeat(10000)}}`, 't.json');
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Nesting too deep']);
  });
});

describe('resolveJsonBody', () => {
  const schema: BodySchema = {
    blocks: {
      variable: { labels: 1 },
      source: { labels: 2, body: { blocks: { tag: { labels: 0 } } } },
      build: { labels: 0, body: 'dynamic' },
    },
  };

  function resolve(src: string) {
    const parsed = parseHCLJSON(src, 't.pkr.json');
    expect(parsed.diagnostics).toEqual([]);
    return resolveJsonBody(parsed.file.body, schema);
  }

  it('turns properties into attributes and blocks by schema', () => {
    const r = resolve(JSON.stringify({
      '//': 'a comment',
      variable: { region: { default: 'us-east-1' }, zone: { default: 'a' } },
      source: { 'amazon-ebs': { main: { ami_name: 'x-${var.region}', tag: [{ k: 1 }, { k: 2 }] } } },
      build: [{ name: 'one' }, { name: 'two' }],
      count: 3,
      list: [1, 'two', null, false],
      map: { key: 'v' },
    }));
    expect(r.diagnostics).toEqual([]);
    const items = r.body.items;
    expect(items.map((i) => (i.kind === 'block' ? `${i.type}[${i.labels.join(',')}]` : i.name))).toEqual([
      'variable[region]', 'variable[zone]', 'source[amazon-ebs,main]', 'build[]', 'build[]', 'count', 'list', 'map',
    ]);
    const source = items[2] as Block;
    expect(source.body.json).toBeDefined();
    expect(source.body.items.map((i) => (i.kind === 'block' ? i.type : i.name))).toEqual(['ami_name', 'tag', 'tag']);
    const build = items[3] as Block;
    expect(build.body.items).toEqual([]);
    expect(build.body.json!.props.map((p) => p.name)).toEqual(['name']);
    const variable = items[0] as Block;
    expect(variable.body.items).toEqual([]);
    expect(show((items[6] as Attribute).expr)).toBe('[1, tpl("two"), null, false]');
    expect(show((items[7] as Attribute).expr)).toBe('{tpl("key"):tpl("v")}');
  });

  it('parses string templates with positions in the JSON file', () => {
    const src = '{\n  "a": "x\\t${var.name}"\n}';
    const r = resolve(src);
    const expr = (r.body.items[0] as Attribute).expr as TemplateExpr;
    expect(show(expr)).toBe('tpl("x\\t" ${var.name})');
    const interp = expr.parts[1] as TemplateInterp;
    expect(at(expr.range)).toBe('2:8-2:24');
    expect(at(interp.range)).toBe('2:12-2:23');
    expect(at(interp.expr.range)).toBe('2:14-2:22');
    expect(interp.expr.range.start.offset).toBe(src.indexOf('var.name'));
  });

  it('reports wrong block shapes', () => {
    const r = resolve('{"variable": "x", "source": {"a": 1}, "build": 2}');
    expect(r.diagnostics.map((d) => `${d.summary} @${d.range!.start.column}`)).toEqual([
      'Incorrect JSON value type @14',
      'Incorrect JSON value type @35',
      'Incorrect JSON value type @48',
    ]);
  });

  it('reports template errors inside strings', () => {
    const r = resolve('{"a": "${"}');
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Missing expression']);
  });

  it('returns native bodies unchanged', () => {
    const body = { kind: 'body' as const, items: [], range: { filename: 'x', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } };
    expect(resolveJsonBody(body, schema).body).toBe(body);
  });
});
