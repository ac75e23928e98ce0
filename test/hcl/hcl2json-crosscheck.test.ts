// Cross-checks the native syntax parser against HashiCorp's HCL (through hcl2json, compiled to
// WebAssembly) on every HCL template of the shared corpus: both trees are projected to hcl2json's JSON
// shape (test/support/to-hcl2json.ts) and compared. Normalisations, all in the projection: blocks grouped by
// type and labels with keys sorted (hcl2json's layout), strip markers dropped, non-literal expressions
// as "${<source text>}", literal `${`/`%{` in template text written as `$${`/`%%{`, and conditionals
// inside "${}" written as %{if} directives (hcl2json's rendering).

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS as SHARED_CORPUS } from '../support/shared.js';
import { parse } from '@cdktf/hcl2json';
import { parseHCL } from '../../src/hcl/parser.js';
import { toHcl2Json } from '../support/to-hcl2json.js';

const CORPUS = join(SHARED_CORPUS, 'hcl');

function findTemplates(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return findTemplates(path);
      return name.endsWith('.pkr.hcl') || name.endsWith('.pkrvars.hcl') ? [path] : [];
    });
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

// The corpus is part of the repository (test/fixtures/shared, or ../shared beside the checkout).
const files = findTemplates(CORPUS);

describe('cross-check with hcl2json on the corpus', () => {
  it('finds the corpus templates', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files.map((f) => [f.slice(CORPUS.length + 1), f]))('%s', async (_name, path) => {
    const source = readFileSync(path, 'utf8');
    const theirs = await parse(path, source);
    const ours = parseHCL(source, path);
    expect(ours.diagnostics).toEqual([]);
    expect(sortKeys(toHcl2Json(ours.file))).toEqual(sortKeys(theirs));
  });
});

describe('hcl2json projection', () => {
  it.each([
    ['a = "${x}"', { a: '${x}' }],
    ['a = "${true}"', { a: true }],
    ['a = "p${1}q${v ? "x" : "y"}"', { a: 'p1q%{if v}x%{else}y%{endif}' }],
    ['a = -1\nb = !true\nc = -x', { a: -1, b: false, c: '${-x}' }],
    ['a = { (k) = 1, "s" = 2, t = 3, u.v = 4 }', { a: { '${(k)}': 1, s: 2, t: 3, 'u.v': 4 } }],
    ['a = "$${x} %{ for v in l ~} ${v} %{~ endfor }"', { a: '$${x} %{for v in l}${v}%{endfor}' }],
    ['b "x" "y" { z = 1 }\nb "x" "w" { z = 2 }\nb "x" "y" { z = 3 }', { b: { x: { y: [{ z: 1 }, { z: 3 }], w: [{ z: 2 }] } } }],
  ])('%j', async (src, want) => {
    expect(toHcl2Json(parseHCL(src + '\n', 't.hcl').file)).toEqual(want);
    expect(await parse('t.hcl', src + '\n')).toEqual(want);
  });
});
