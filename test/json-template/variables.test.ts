// User variables of JSON templates that refer to each other, to unset variables, and come from var files with
// null values: every expectation here was recorded from Packer 1.6.6 (`packer console` for values, `packer validate`
// for errors); the oracle tests below check them against it again.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJsonTemplate } from '../../src/json-template/load.js';
import type { CliVarInput } from '../../src/template/load.js';
import { runCli } from '../support/cli.js';
import { needs, packer } from '../support/needs.js';
import { PACKER } from '../support/packer-console.js';

interface Case {
  name: string;
  variables: Record<string, string | null>;
  /** Var files, by name; given with -var-file in this order. */
  files?: Record<string, string>;
  vars?: string[];
  /** Every variable's value, or the variable Packer names in its error. */
  want: Record<string, string> | { failed: string };
}

const CASES: Case[] = [
  { name: 'a chain resolves whatever the order', variables: { c1: '{{user `c2`}}', c2: '{{user `c3`}}', c3: 'z' }, want: { c1: 'z', c2: 'z', c3: 'z' } },
  { name: 'a var file value null is set and empty', variables: { n: null, m: 'M-{{user `n`}}' }, files: { 'v.json': '{"n": null}' }, want: { n: '', m: 'M-' } },
  {
    name: 'a default that refers to an undeclared variable is empty when another value calls user',
    variables: { a: 'x-{{user `b`}}-{{user `zzz`}}', b: 'B', k: '<{{user `b`}}>' },
    want: { a: '', b: 'B', k: '<B>' },
  },
  { name: 'a default that refers to an undeclared variable fails when nothing else calls user', variables: { a: 'x-{{user `b`}}-{{user `zzz`}}', b: 'B' }, want: { failed: 'a' } },
  {
    name: 'a var file value that refers to an undeclared variable renders it empty, and others see that',
    variables: { b: 'B', e: '[{{user `a`}}!]' },
    files: { 'v.json': '{"a": "x-{{user `b`}}-{{user `zzz`}}"}' },
    want: { a: 'x-B-', b: 'B', e: '[x-B-!]' },
  },
  {
    name: 'a -var value that refers to an undeclared variable renders it empty',
    variables: { b: 'B', e: '[{{user `a`}}!]' },
    vars: ['a=x-{{user `b`}}-{{user `zzz`}}'],
    want: { a: 'x-B-', b: 'B', e: '[x-B-!]' },
  },
  { name: 'a cycle alone fails', variables: { cy1: '{{user `cy2`}}', cy2: '{{user `cy1`}}' }, want: { failed: 'cy2' } },
  { name: 'a cycle is empty when another value calls user', variables: { cy1: '{{user `cy2`}}', cy2: '{{user `cy1`}}', k: '{{user `b`}}', b: '1' }, want: { cy1: '', cy2: '', k: '1', b: '1' } },
  { name: 'a variable that refers to itself fails', variables: { c: '{{user `c`}}y' }, want: { failed: 'c' } },
  { name: 'a variable that refers to a cycle fails', variables: { d: '{{user `e`}}', e: '{{user `d`}}', f: '[{{user `d`}}]' }, want: { failed: 'f' } },
  { name: 'a -var value overrides a cycle member', variables: { d: '{{user `e`}}', e: '{{user `d`}}' }, vars: ['e=E'], want: { d: 'E', e: 'E' } },
  { name: 'a call Packer does not count as one to user is rendered once', variables: { p: '{{user `q` | lower}}', q: 'Q' }, want: { p: 'q', q: 'Q' } },
];

function caseDir(c: Case): { dir: string; args: string[]; inputs: CliVarInput[] } {
  const dir = mkdtempSync(join(tmpdir(), 'json-vars-'));
  writeFileSync(join(dir, 'template.json'), JSON.stringify({ variables: c.variables, builders: [{ type: 'null', communicator: 'none' }] }, null, 2));
  const args: string[] = [];
  const inputs: CliVarInput[] = [];
  for (const [name, text] of Object.entries(c.files ?? {})) {
    writeFileSync(join(dir, name), text);
    args.push(`-var-file=${name}`);
    inputs.push({ kind: 'file', path: name });
  }
  for (const v of c.vars ?? []) {
    args.push('-var', v);
    const eq = v.indexOf('=');
    inputs.push({ kind: 'var', name: v.slice(0, eq), raw: v.slice(eq + 1) });
  }
  return { dir, args, inputs };
}

/** One console line showing every variable, so that one run of a console answers for a whole case. */
const allVariables = (names: string[]) => names.map((n) => `${n}=[{{user \`${n}\`}}]`).join(' ');
const expectedLine = (want: Record<string, string>) => Object.entries(want).map(([n, v]) => `${n}=[${v}]`).join(' ');

describe('JSON user variables, as Packer works them out', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { dir, inputs } = caseDir(c);
    const r = await loadJsonTemplate('template.json', { cwd: dir, env: {}, inputs, mode: 'validate' });
    const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.detail);
    if ('failed' in c.want) {
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(new RegExp(`^Failed to interpolate "${c.want.failed}": .*variable not set: .*Packer treats all variables used to interpolate other user variables as required\\.$`));
    } else {
      expect(errors).toEqual([]);
      expect(Object.fromEntries([...r.variables].map(([k, v]) => [k, v.asString()]))).toEqual(c.want);
    }
  });

  it('refuses a var file value that is not a string or null, as Packer does', async () => {
    const { dir, inputs } = caseDir({ name: '', variables: { n: 'x' }, files: { 'v.json': '{"n": 5, "m": [1]}' }, want: {} });
    const r = await loadJsonTemplate('template.json', { cwd: dir, env: {}, inputs, mode: 'validate' });
    expect(r.diagnostics.map((d) => d.detail)).toEqual([
      `Error reading variables in 'v.json': the value of "n" is a number; a variable file holds strings (or null).`,
      `Error reading variables in 'v.json': the value of "m" is an array; a variable file holds strings (or null).`,
    ]);
  });

  it('console renders a line as Go template with the variables', async () => {
    const c = CASES[4]!;
    const { dir, args } = caseDir(c);
    const r = await runCli(['console', ...args, 'template.json'], { cwd: dir, input: `${allVariables(Object.keys(c.want))}\n{{ .Missing }}\n` });
    expect(r).toMatchObject({ code: 0, stdout: `${expectedLine(c.want as Record<string, string>)}\n<no value>\n` });
  });

  it('console reports a line that does not render, and a variable that fails', async () => {
    const { dir } = caseDir(CASES[8]!);
    const failed = await runCli(['console', 'template.json'], { cwd: dir, input: '{{user `c`}}\n' });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('Failed to interpolate "c"');
    const { dir: good } = caseDir(CASES[0]!);
    const bad = await runCli(['console', 'template.json'], { cwd: good, input: '{{user `c1`}}\n{{env `HOME`}}\n' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^z\nError: Interpolation error\n[^]*env vars are not allowed here/);
  });
});

needs(packer).describe('JSON user variables against Packer 1.6.6', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { dir, args } = caseDir(c);
    const env = { ...process.env, CHECKPOINT_DISABLE: '1' };
    if ('failed' in c.want) {
      // Packer's console prints nothing for a variable that fails; validate says which.
      const r = spawnSync(PACKER!, ['validate', ...args, 'template.json'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(1);
      expect(r.stdout.replace(/\s+/g, ' ')).toContain(`Failed to interpolate "${c.want.failed}"`);
    } else {
      const r = spawnSync(PACKER!, ['console', ...args, 'template.json'], { cwd: dir, env, encoding: 'utf8', input: `${allVariables(Object.keys(c.want))}\n`, timeout: 60_000 });
      expect(r.stdout.trim()).toBe(expectedLine(c.want));
    }
  });
});
