// Every table case whose functions exist in Packer 1.6.6 is evaluated by the real `packer console` and
// must print exactly what our implementation prints (values, or error summary and detail).

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCases } from './all-cases.js';
import { FIXTURES, consoleText, testContext, type Case } from './support.js';
import { needs, packer } from '../support/needs.js';
import { PACKER } from '../support/packer-console.js';


/** Functions Packer 1.6.6 does not have ("Call to unknown function"). */
const MISSING_IN_1_6_6 = new Set([
  'sum', 'regex', 'regexall', 'endswith', 'startswith', 'strcontains', 'alltrue', 'anytrue', 'setsubtract', 'transpose',
  'base64gzip', 'textdecodebase64', 'textencodebase64', 'filebase64', 'templatefile', 'legacy_isotime', 'legacy_strftime',
  'tobool', 'tolist', 'tomap', 'tonumber', 'toset', 'tostring', 'aws_secretsmanager_raw', 'env',
]);

const MARK = '@@END-OF-CASE@@';

function calledFunctions(expr: string): string[] {
  return [...expr.matchAll(/([a-z_0-9]+)\(/g)].map((m) => m[1]!);
}

function oracleCases(): Case[] {
  return allCases().filter((c) => c.oracle !== false && !calledFunctions(c.expr).some((f) => MISSING_IN_1_6_6.has(f)));
}

/** Packer's output for one expression: the value text, or "Error: summary\ndetail" with the detail unwrapped. */
function normalize(chunk: string): string {
  const text = chunk.replace(/\n+$/, '');
  if (!text.startsWith('Error: ')) return text;
  const lines = text.split('\n');
  const summary = lines[0]!;
  const start = lines.findIndex((l) => l.includes('(source code not available)'));
  const detail = lines
    .slice(start + 1)
    .join('\n')
    .trim()
    .split(/\n(?!\n)/)
    .join(' ');
  return `${summary}\n${detail}`;
}

function runPacker(dir: string, exprs: string[]): string[] {
  const input = join(dir, 'input.txt');
  writeFileSync(input, exprs.map((e) => `${e}\n${JSON.stringify(MARK)}\n`).join(''));
  const fd = openSync(input, 'r');
  try {
    const run = spawnSync(PACKER!, ['console', 't.pkr.hcl'], {
      cwd: dir,
      stdio: [fd, 'pipe', 'pipe'],
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: testContext().env.HOME, CHECKPOINT_DISABLE: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const chunks = run.stdout.split(`${MARK}\n`);
    chunks.pop();
    return chunks.map(normalize);
  } finally {
    closeSync(fd);
  }
}

needs(packer).describe('functions against packer console (1.6.6)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-fn-oracle-'));
  cpSync(FIXTURES, dir, { recursive: true });
  writeFileSync(join(dir, 't.pkr.hcl'), 'source "null" "a" { communicator = "none" }\nbuild { sources = ["source.null.a"] }\n');
  const cases = oracleCases();
  const answers = runPacker(dir, cases.map((c) => c.expr));
  const ctx = testContext({ baseDir: dir, cwd: dir });

  it('answers every case', () => {
    expect(answers.length).toBe(cases.length);
    expect(readFileSync(join(dir, 'hello.txt'), 'utf8')).toBe('hello\n');
  });

  it.each(cases.map((c, i) => [c.expr, i] as const))('%s', (expr, i) => {
    // Packer's console output loses trailing newlines, so they are not compared.
    expect(consoleText(expr, ctx).replace(/\n+$/, '')).toBe(answers[i]);
  });
});
