import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/eval/evaluate.js';
import { createScope } from '../../src/eval/scope.js';
import { functions } from '../../src/functions/index.js';
import { packerFunctions, renderGoTemplate } from '../../src/gotemplate/index.js';
import { newUsage, type Where } from '../../src/hcl2-upgrade/functions.js';
import { functionsCalled, translateString } from '../../src/hcl2-upgrade/translate.js';
import { parseHCLExpression } from '../../src/hcl/parser.js';
import { formatValue } from '../../src/value/format.js';
import { Value } from '../../src/value/value.js';

const BUILD: Where = { kind: 'build', types: ['null'] };

function tr(text: string, where: Where = BUILD, locals: string[] = []) {
  const usage = newUsage();
  const r = translateString(text, { where, locals: new Set(locals), usage });
  return { ...r, usage };
}

/** The translation as an HCL quoted string, which must parse. */
function hcl(text: string, where: Where = BUILD, locals: string[] = []): string {
  const r = tr(text, where, locals);
  const quoted = `"${r.template}"`;
  expect(parseHCLExpression(quoted, 't.pkr.hcl').diagnostics).toEqual([]);
  return quoted;
}

describe('Go template to HCL2 translation', () => {
  it.each([
    ['plain text', 'plain text'],
    ['{{user `region`}}', '${var.region}'],
    ['{{ user `region` }}-x', '${var.region}-x'],
    ['{{timestamp}}', '${local.timestamp}'],
    ['{{isotime "2006-01-02"}}', '${legacy_isotime("2006-01-02")}'],
    ['{{isotime}}', '${timestamp()}'],
    ['{{strftime "%Y"}}', '${legacy_strftime("%Y")}'],
    ['{{build_name}}/{{build_type}}', '${source.name}/${source.type}'],
    ['{{template_dir}}/x {{pwd}}', '${path.root}/x ${path.cwd}'],
    ['{{packer_version}} {{uuid}}', '${packer.version} ${uuidv4()}'],
    ['{{env `HOME`}}', '${env("HOME")}'],
    ['{{ build `ID` }}', '${build.ID}'],
    ['{{ `SOMETHING` | lower }}', '${lower("SOMETHING")}'],
    ['{{ upper `x` }}', '${upper("x")}'],
    ['{{ split `a-b` `-` 1 }}', '${split("-", "a-b")[1]}'],
    ['{{ replace_all `-` `/` build_name }}', '${replace(source.name, "-", "/")}'],
    ['{{ replace `a` `b` -1 (user `x`) }}', '${replace(var.x, "a", "b")}'],
    ['{{ replace `-` `+` 1 `a-b-c` }}', 'a+b-c'],
    ['{{ vault `secret/x` `k` }}', '${vault("secret/x", "k")}'],
    ['{{ consul_key `a/b` }}', '${consul_key("a/b")}'],
    ['{{ aws_secretsmanager `n` }} {{ aws_secretsmanager `n` `k` }}', '${aws_secretsmanager("n", "")} ${aws_secretsmanager("n", "k")}'],
    ['{{ "quoted \\"text\\"" }}', 'quoted \\"text\\"'],
  ])('%s', (input, expected) => {
    expect(hcl(input)).toBe(`"${expected}"`);
    expect(tr(input).notes).toEqual([]);
  });

  it('escapes what HCL would read as template sequences or escapes', () => {
    expect(hcl('a "b" \\ ${x} %{y}\n\tz')).toBe('"a \\"b\\" \\\\ $${x} %%{y}\\n\\tz"');
    // A literal `$` right before an interpolation must not form the `$${` escape.
    expect(hcl('cost: ${{user `price`}}')).toBe('"cost: \\u0024${var.price}"');
  });

  it('refers to variables that became locals as locals, and records what it used', () => {
    const r = tr('{{user `a`}} {{user `b`}} {{timestamp}} {{isotime "15"}}', BUILD, ['b']);
    expect(r.template).toBe('${var.a} ${local.b} ${local.timestamp} ${legacy_isotime("15")}');
    expect([...r.usage.users].sort()).toEqual(['a', 'b']);
    expect(r.usage.timestamp && r.usage.isotime).toBe(true);
  });

  it('knows the build name and type literally inside a source block', () => {
    expect(hcl('{{build_name}}-{{build_type}}', { kind: 'source', type: 'null', name: 'first' })).toBe('"first-null"');
  });

  it('leaves builder data placeholders to the plugin, without a note', () => {
    const r = tr('http://{{ .HTTPIP }}:{{.HTTPPort}}/{{user `path`}} {{ .Vars }} {{.Path}}');
    expect(r.template).toBe('http://{{ .HTTPIP }}:{{.HTTPPort}}/${var.path} {{ .Vars }} {{.Path}}');
    expect(r.notes).toEqual([]);
  });

  it('keeps what has no HCL2 equivalent as written, with a note', () => {
    for (const input of ['{{ printf "%d" 3 }}', '{{ replace `a` `b` 1 (user `x`) }}', '{{if .X}}a{{end}}', '{{ user', '{{build_name}}']) {
      const where: Where = input === '{{build_name}}' ? { kind: 'local' } : BUILD;
      const r = tr(input, where);
      expect(r.notes.length, input).toBe(1);
      expect(r.template).toContain(input.replace(/"/g, '\\"'));
    }
  });

  it('follows the builder type for clean_resource_name', () => {
    expect(hcl('{{ clean_resource_name `A b` }}', { kind: 'source', type: 'googlecompute', name: 'g' })).toContain('can(regex(');
    expect(hcl('{{ clean_resource_name `A b` }}', { kind: 'source', type: 'azure-arm', name: 'a' })).toContain('[-_.]+$');
  });

  it('lists the functions a string calls', () => {
    expect([...functionsCalled('{{env `A`}}-{{ user `b` | lower }}')].sort()).toEqual(['env', 'lower', 'user']);
    expect([...functionsCalled('no templates')]).toEqual([]);
  });
});

describe('translated strings evaluate to what the Go template renders', () => {
  const now = new Date('2024-05-06T07:08:09Z');
  const templatePath = '/srv/tpl/t.json';
  const vars = { name: 'Web Server', sep: '-', tag: 'a-b-c' };
  const goFuncs = packerFunctions({
    now,
    env: {},
    cwd: '/work',
    enableEnv: false,
    templatePath,
    buildName: 'web',
    buildType: 'amazon-ebs',
    packerVersion: '1.6.6',
    user: (k) => vars[k as keyof typeof vars],
  });
  const scope = createScope(
    {
      var: Value.object(Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, Value.string(v)]))),
      source: Value.object({ name: Value.string('web'), type: Value.string('amazon-ebs') }),
      path: Value.object({ root: Value.string(dirname(templatePath)), cwd: Value.string('/work') }),
      packer: Value.object({ version: Value.string('1.6.6') }),
    },
    functions,
    { baseDir: '/work', cwd: '/work', env: {}, now: () => now },
  );

  it.each([
    'name={{user `name`}}',
    '{{ user `name` | lower }}-{{ user `name` | upper }}',
    '{{ split (user `tag`) (user `sep`) 2 }}',
    '{{ replace_all `-` `/` (user `tag`) }}',
    '{{ replace `-` `+` -1 (user `tag`) }}',
    '{{ clean_resource_name (user `name`) }}!{{ clean_resource_name `a:b*c` }}',
    '{{ build_name }}.{{ build_type }} in {{template_dir}} from {{pwd}} with {{packer_version}}',
    'literal ${x} and %{y} and {{ .HTTPIP }}',
  ])('%s', (input) => {
    const expected = renderGoTemplate(input, { funcs: goFuncs, keepUnknownFields: true, data: {} });
    const parsed = parseHCLExpression(hcl(input, { kind: 'build', types: ['amazon-ebs'] }), 't.pkr.hcl');
    const r = evaluate(parsed.expr, scope);
    expect(r.diagnostics).toEqual([]);
    expect(formatValue(r.value)).toBe(expected);
  });
});
