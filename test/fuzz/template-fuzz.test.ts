import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Body, Expression } from '../../src/hcl/ast.js';
import { parseFile } from '../../src/hcl/parser.js';
import { evaluate } from '../../src/eval/evaluate.js';
import { createScope } from '../../src/eval/scope.js';
import { functions } from '../../src/functions/index.js';
import { decodeTemplate } from '../../src/template/decode.js';
import { pluginTable } from '../../src/plugins/table.js';
import { loadJsonTemplate } from '../../src/json-template/load.js';
import { Value } from '../../src/value/value.js';
import { CORPUS } from '../support/shared.js';


function templatesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...templatesUnder(p));
    else if (/\.pkr(vars)?\.(hcl|json)$/.test(name)) out.push(p);
  }
  return out.sort();
}

/** A small deterministic PRNG (mulberry32), so that a failure can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['{', '}', '[', ']', '(', ')', '"', '${', '%{', '~}', '}}', '<<EOT\n', '<<-EOT\n', '\nEOT\n', '...', '.*', '[*]', '?', ':', '=>', '=', ',', '\n', '#', '//', '/*', '*/', 'for x in', 'if', 'endif', 'null', '1e9999', '-', '!', '&&', '\\', '\\u', '\u00e9', '\t', 'var.', 'local.', 'upper(', 'try(', '%%{', '$${'];

function mutate(src: string, rand: () => number): string {
  let s = src;
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * (s.length + 1));
    const op = rand();
    if (op < 0.35) s = s.slice(0, at) + SNIPPETS[Math.floor(rand() * SNIPPETS.length)] + s.slice(at);
    else if (op < 0.65) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 20));
    else if (op < 0.85) {
      const from = Math.floor(rand() * s.length);
      s = s.slice(0, at) + s.slice(from, from + Math.floor(rand() * 40)) + s.slice(at);
    } else s = s.slice(0, at) + String.fromCharCode(Math.floor(rand() * 128)) + s.slice(at);
  }
  return s;
}

function expressionsOf(body: Body): Expression[] {
  return body.items.flatMap((i) => (i.kind === 'attribute' ? [i.expr] : expressionsOf(i.body)));
}

describe('fuzz: mutated corpus templates never crash or hang the parser and evaluator', () => {
  const files = templatesUnder(join(CORPUS, 'hcl')).map((p) => ({ p, text: readFileSync(p, 'utf8') }));
  const scope = createScope(
    { var: Value.unknown(), local: Value.unknown(), path: Value.object({ root: Value.string('.'), cwd: Value.string('.') }) },
    functions,
    { baseDir: '/nonexistent', cwd: '/nonexistent', env: {}, now: () => new Date(0) },
  );
  const ROUNDS = 5000;

  it(`survives ${ROUNDS} mutations`, () => {
    expect(files.length).toBeGreaterThan(50);
    const rand = rng(20261122);
    let withErrors = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { p, text } = files[round % files.length]!;
      const src = mutate(text, rand);
      const started = performance.now();
      const parsed = parseFile(src, p);
      const internal = parsed.diagnostics.filter((d) => d.summary.startsWith('Internal'));
      expect(internal, `round ${round} of ${p}`).toEqual([]);
      for (const d of parsed.diagnostics) expect(d.range, `${d.summary} is located`).toBeDefined();
      if (parsed.diagnostics.length > 0) withErrors++;
      const decoded = decodeTemplate('.', [parsed.file], [], scope);
      for (const d of decoded.diagnostics) expect(d.summary.length).toBeGreaterThan(0);
      if (parsed.file.syntax === 'hcl') for (const e of expressionsOf(parsed.file.body)) evaluate(e, scope);
      expect(performance.now() - started, `round ${round} of ${p} took too long`).toBeLessThan(2000);
    }
    // The mutations must actually break templates, or this test proves nothing.
    expect(withErrors).toBeGreaterThan(ROUNDS / 4);
  });
});

describe('fuzz: mutated legacy JSON templates never crash the JSON template loader', () => {
  const files = templatesUnderJson(join(CORPUS, 'json')).map((p) => readFileSync(p, 'utf8'));
  const ROUNDS = 1000;

  it(`survives ${ROUNDS} mutations`, async () => {
    expect(files.length).toBeGreaterThan(30);
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-fuzz-json-'));
    const rand = rng(11222026);
    let rejected = 0;
    for (let round = 0; round < ROUNDS; round++) {
      writeFileSync(join(dir, 'template.json'), mutate(files[round % files.length]!, rand));
      const r = await loadJsonTemplate('template.json', { cwd: dir, env: {}, inputs: [], mode: 'validate', plugins: pluginTable(), now: () => new Date(0) });
      for (const d of r.diagnostics) expect(d.summary.length, `round ${round}`).toBeGreaterThan(0);
      if (r.diagnostics.some((d) => d.severity === 'error')) rejected++;
    }
    expect(rejected).toBeGreaterThan(ROUNDS / 4);
  });
});

function templatesUnderJson(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...templatesUnderJson(p));
    else if (name.endsWith('.json') && !name.endsWith('.pkr.json')) out.push(p);
  }
  return out.sort();
}
