import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDiagnostics } from '../../src/diag/render.js';
import { loadTemplate, type CliVarInput, type LoadOptions } from '../../src/template/load.js';
import { formatValue } from '../../src/value/format.js';

/** Writes files into a fresh folder and returns its path. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-load-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function load(target: string, opts: Partial<LoadOptions> = {}) {
  return loadTemplate(target, { cwd: target, env: {}, inputs: [], mode: 'validate', ...opts });
}

const show = (v: { variables: Map<string, unknown> }, name: string) => formatValue((v as Awaited<ReturnType<typeof load>>).variables.get(name)!);
const errors = (r: Awaited<ReturnType<typeof load>>) => r.diagnostics.filter((d) => d.severity === 'error');

const VARS = `
variable "a" {
  type    = string
  default = "default"
}
variable "n" { default = 1 }
variable "l" { type = list(string) }
`;

describe('variable values', () => {
  it('applies precedence: default < env < auto var files (lexical) < -var-file and -var in order', async () => {
    const dir = folder({
      'vars.pkr.hcl': VARS,
      'a.auto.pkrvars.hcl': 'a = "auto-a"\nl = ["auto"]\n',
      'b.auto.pkrvars.hcl': 'a = "auto-b"\n',
      'one.pkrvars.hcl': 'a = "file-one"\nn = 5\n',
    });
    const base = await load(dir, { env: { PKR_VAR_a: 'env', PKR_VAR_n: '3' } });
    expect(errors(base)).toEqual([]);
    expect(show(base, 'a')).toBe('auto-b');
    expect(show(base, 'n')).toBe('3');
    expect(show(base, 'l')).toBe('[\n  "auto",\n]');

    const inputs: CliVarInput[] = [
      { kind: 'var', name: 'a', raw: 'from-var' },
      { kind: 'file', path: join(dir, 'one.pkrvars.hcl') },
    ];
    const r = await load(dir, { inputs });
    expect(show(r, 'a')).toBe('file-one');
    expect(show(r, 'n')).toBe('5');
    const reversed = await load(dir, { inputs: [...inputs].reverse() });
    expect(show(reversed, 'a')).toBe('from-var');
  });

  it('reads -var values literally for primitive types and as HCL for structural types', async () => {
    const dir = folder({ 'vars.pkr.hcl': VARS });
    const r = await load(dir, { inputs: [{ kind: 'var', name: 'l', raw: '["x", "y"]' }, { kind: 'var', name: 'a', raw: '[1]' }] });
    expect(errors(r)).toEqual([]);
    expect(show(r, 'l')).toBe('[\n  "x",\n  "y",\n]');
    expect(show(r, 'a')).toBe('[1]');
  });

  it('takes the type of an untyped variable from its default', async () => {
    const dir = folder({ 'vars.pkr.hcl': VARS + 'variable "x" {}\n' });
    const r = await load(dir, { inputs: [{ kind: 'var', name: 'n', raw: 'abc' }, { kind: 'var', name: 'l', raw: '[]' }, { kind: 'var', name: 'x', raw: 'y' }] });
    expect(errors(r).map((d) => d.summary)).toEqual(['Invalid argument value for -var variable']);
    expect(errors(r)[0]!.detail).toMatch(/a number is required/);
  });

  it('reports unset variables in validate but not in console', async () => {
    const dir = folder({ 'vars.pkr.hcl': VARS });
    const v = await load(dir);
    expect(errors(v).map((d) => d.summary)).toEqual(['Unset variable "l"']);
    expect(errors(v)[0]!.range?.start.line).toBe(7);
    const c = await load(dir, { mode: 'console' });
    expect(errors(c)).toEqual([]);
  });

  it('treats undeclared names as Packer does', async () => {
    const dir = folder({ 'vars.pkr.hcl': 'variable "a" { default = "x" }\n', 'x.auto.pkrvars.hcl': 'nope = 1\n' });
    // A var file's undeclared variable is a warning when asked for (validate), else silently dropped (build).
    const validate = await load(dir, { env: { PKR_VAR_ignored: '1' }, warnOnUndeclaredVar: true });
    expect(validate.diagnostics.map((d) => `${d.severity} ${d.summary}`)).toEqual(['warning Undefined variable']);
    const build = await load(dir, { mode: 'build' });
    expect(build.diagnostics).toEqual([]);
    const syntax = await load(dir, { mode: 'syntax', warnOnUndeclaredVar: true });
    expect(syntax.diagnostics.map((d) => `${d.severity} ${d.summary}`)).toEqual(['warning Undefined variable']);
    const cli = await load(dir, { mode: 'build', inputs: [{ kind: 'var', name: 'zz', raw: '1' }] });
    expect(errors(cli).map((d) => d.summary)).toEqual(['Undefined -var variable']);
  });

  it('checks validation blocks and reports the error message with the rule location', async () => {
    const dir = folder({
      'v.pkr.hcl': `variable "image_id" {
  type    = string
  default = "potato"
  validation {
    condition     = substr(var.image_id, 0, 4) == "ami-"
    error_message = "Must start with ami-."
  }
  validation {
    condition     = length(var.image_id) > 3
    error_message = "Too short."
  }
}
`,
    });
    const bad = await load(dir);
    expect(errors(bad).map((d) => d.summary)).toEqual(['Invalid value for default variable']);
    expect(errors(bad)[0]!.detail).toMatch(/Must start with ami-\.\n\nThis was checked by the validation rule at .*v\.pkr\.hcl:4,3-13\./);
    const good = await load(dir, { inputs: [{ kind: 'var', name: 'image_id', raw: 'ami-123' }] });
    expect(errors(good)).toEqual([]);
    const short = await load(dir, { inputs: [{ kind: 'var', name: 'image_id', raw: 'ami' }] });
    expect(errors(short).map((d) => d.summary)).toEqual(['Invalid value for variable', 'Invalid value for variable']);
  });

  it('marks sensitive variables', async () => {
    const dir = folder({ 'v.pkr.hcl': 'variable "t" {\n  default   = "s3cret"\n  sensitive = true\n}\nlocals { u = "x-${var.t}" }\n' });
    const r = await load(dir);
    expect(r.variables.get('t')!.hasMark('sensitive')).toBe(true);
    expect(r.locals.get('u')!.hasMark('sensitive')).toBe(true);
  });
});

describe('locals', () => {
  it('evaluates locals in dependency order across files and blocks', async () => {
    const dir = folder({
      'a.pkr.hcl': 'locals { c = "${local.b}-c" }\nlocal "b" { expression = upper(local.a) }\n',
      'b.pkr.hcl': 'locals { a = "a${var.v}" }\nvariable "v" { default = 1 }\n',
    });
    const r = await load(dir);
    expect(errors(r)).toEqual([]);
    expect(formatValue(r.locals.get('c')!)).toBe('A1-c');
  });

  it('reports a cycle with its chain, once per member, and goes on with the rest', async () => {
    const dir = folder({ 'l.pkr.hcl': 'locals {\n  a = local.b\n  b = local.a\n  c = nope\n  d = "ok"\n}\n' });
    const r = await load(dir);
    expect(errors(r).map((d) => d.summary)).toEqual(['Circular reference between locals', 'Circular reference between locals', 'Unknown variable']);
    expect(errors(r)[0]!.detail).toBe('local.a depends on itself: local.a -> local.b -> local.a.');
    expect(formatValue(r.locals.get('d')!)).toBe('ok');
  });

  it('rejects duplicate locals and duplicate variables', async () => {
    const dir = folder({ 'one.pkr.hcl': 'local "x" { expression = 1 }\nvariable "v" {}\n', 'two.pkr.hcl': 'local "x" { expression = 2 }\nvariable "v" {}\n' });
    const r = await load(dir, { mode: 'console' });
    expect(errors(r).map((d) => d.summary).sort()).toEqual(['Duplicate local definition', 'Duplicate variable']);
  });
});

describe('packer block and context', () => {
  it('checks required_version against the Packer version tsbuild follows', async () => {
    expect(errors(await load(folder({ 'p.pkr.hcl': 'packer {\n  required_version = ">= 1.7.0, < 2"\n}\n' })))).toEqual([]);
    const high = await load(folder({ 'p.pkr.hcl': 'packer {\n  required_version = ">= 700000.0.0"\n}\n' }), { mode: 'syntax' });
    expect(errors(high).map((d) => d.summary)).toEqual(['Unsupported Packer Core version']);
    expect(errors(high)[0]!.range!.start).toMatchObject({ line: 2, column: 22 });
    const wrong = await load(folder({ 'p.pkr.hcl': 'packer {\n  version = ">= 1"\n}\n' }), { mode: 'syntax' });
    expect(errors(wrong).map((d) => d.summary)).toEqual(['Unsupported argument']);
  });

  it('sets path.root to the folder as given and path.cwd to the working folder', async () => {
    const dir = folder({ 'sub/t.pkr.hcl': 'locals {\n  root = path.root\n  cwd = path.cwd\n  v = packer.version\n}\n' });
    const r = await loadTemplate('sub', { cwd: dir, env: {}, inputs: [], mode: 'validate' });
    expect(errors(r)).toEqual([]);
    expect(formatValue(r.locals.get('root')!)).toBe('sub');
    expect(formatValue(r.locals.get('cwd')!)).toBe(dir);
    expect(formatValue(r.locals.get('v')!)).toBe('1.12.0');
    const abs = await load(join(dir, 'sub'));
    expect(formatValue(abs.locals.get('root')!)).toBe(join(dir, 'sub'));
  });

  it('reads templatefile relative to path.root with its own variables', async () => {
    const dir = folder({
      't.pkr.hcl': 'locals { s = templatefile("${path.root}/tpl/x.tpl", { name = "web", ports = [80, 443] }) }\n',
      'tpl/x.tpl': 'host ${name}\n%{ for p in ports ~}\nport ${p}\n%{ endfor ~}\n',
    });
    const r = await load(dir);
    expect(errors(r)).toEqual([]);
    expect(r.locals.get('s')!.asString()).toBe('host web\nport 80\nport 443\n');
  });
});

describe('diagnostics', () => {
  it('reports every error of a template, located, in source order, with suggestions', async () => {
    const dir = folder({
      'bad.pkr.hcl': `variable "region" {
  default  = "x"
  sensitiv = true
}
locals { name = "\${var.regoin}" }
sourc "null" "x" {}
build {
  sources = ["source.null.y"]
}
`,
    });
    const r = await load(dir);
    const text = renderDiagnostics(errors(r), r.sources);
    expect(errors(r).map((d) => [d.summary, d.range?.start.line])).toEqual([
      ['Unsupported argument', 3],
      ['Unsupported attribute', 5],
      ['Unsupported block type', 6],
      ['Unknown source null.y', 8],
    ]);
    expect(text).toContain('Did you mean "sensitive"?');
    expect(text).toContain('Did you mean "region"?');
    expect(text).toContain('Did you mean "source"?');
    expect(text).toContain('    3:   sensitiv = true\n' + ' '.repeat(9) + '^'.repeat(8) + '\n');
    expect(text).not.toContain('source code not available');
  });

  it('reports a missing template clearly', async () => {
    const r = await load('/nonexistent/t.pkr.hcl');
    expect(errors(r).map((d) => d.summary)).toEqual(['Template not found']);
  });
});

describe('HCL JSON syntax', () => {
  it('reads variables (types as strings), locals, sources and builds from *.pkr.json', async () => {
    const dir = folder({
      't.pkr.json': JSON.stringify({
        variable: { who: { type: 'string', default: 'json' }, l: { type: 'list(number)', default: [1, 2] } },
        locals: { greeting: 'hello ${var.who}', total: '${sum(var.l)}' },
        source: { null: { a: { communicator: 'none' } } },
        build: { sources: ['source.null.a'] },
      }),
    });
    const r = await load(dir);
    expect(errors(r)).toEqual([]);
    expect(formatValue(r.locals.get('greeting')!)).toBe('hello json');
    expect(formatValue(r.locals.get('total')!)).toBe('3');
    expect(r.builds[0]!.sources.map((s) => `${s.type}.${s.name}`)).toEqual(['null.a']);
  });

  it('locates a bad type written as a string', async () => {
    const dir = folder({ 't.pkr.json': '{\n  "variable": { "x": { "type": "lst(string)" } }\n}\n' });
    const r = await load(dir, { mode: 'syntax' });
    expect(errors(r).map((d) => [d.summary, d.range?.start.line])).toEqual([['Invalid type specification', 2]]);
  });
});
