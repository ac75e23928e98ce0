import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseHCL } from '../../src/hcl/parser.js';
import { CORPUS as SHARED_CORPUS } from '../support/shared.js';

function errors(src: string): string[] {
  return parseHCL(src, 't.hcl').diagnostics.map(
    (d) => `${d.summary} @${d.range!.start.line}:${d.range!.start.column}-${d.range!.end.line}:${d.range!.end.column}`,
  );
}

describe('syntax errors', () => {
  it.each([
    ['a = 1 2\n', ['Missing newline after argument @1:7-1:8']],
    ['a = 1, b = 2\n', ['Unexpected comma after argument @1:6-1:7']],
    ['a = ]\n', ['Invalid expression @1:5-1:6']],
    ['a =\n', ['Invalid expression @1:4-2:1']],
    ['a = ', ['Missing expression @1:5-1:5']],
    ['"a" = 1\n', ['Invalid argument name @1:1-1:2']],
    ['a\n', ['Argument or block definition required @1:1-1:2']],
    ['= 1\n', ['Argument or block definition required @1:1-1:2']],
    ['b "x" = 1\n', ['Invalid block definition @1:7-1:8']],
    ['b "x"\n{\n}\n', ['Invalid block definition @1:6-2:1', 'Argument or block definition required @2:1-2:2']],
    ['b {\n  c = 1\n', ['Unclosed configuration block @1:3-1:4']],
    ['b { c = 1\n}\n', ['Invalid single-argument block definition @1:10-2:1']],
    ['b { c = 1, d = 2 }\n', ['Invalid single-argument block definition @1:10-1:11']],
    ['b { c {} }\n', ['Argument definition required @1:5-1:8']],
    ['b {}c\n', ['Missing newline after block definition @1:5-1:6']],
    ['a = "abc\n', ['Invalid multi-line string @1:9-2:1', 'Unterminated template string @1:9-2:1']],
    ['a = "abc', ['Unterminated template string @1:9-1:9']],
    ['a = <<EOT\nabc\nEOT', ['Unterminated template string @3:4-3:4']],
    ['a = { b c }\n', ['Missing key/value separator @1:9-1:10']],
    ['a = { b }\n', ['Missing key/value separator @1:9-1:10']],
    ['a = { b = 1 c = 2 }\n', ['Missing attribute separator @1:13-1:14']],
    ['a = { b = 1\n', ['Missing expression @2:1-2:1']],
    ['a = { b = 1', ['Unterminated object constructor expression @1:5-1:6']],
    ['a = [1 2]\n', ['Missing item separator @1:8-1:9']],
    ['a = [1, 2\n', ['Unterminated tuple constructor expression @1:5-1:6']],
    ['a = f(1 2)\n', ['Missing argument separator @1:9-1:10']],
    ['a = f(1\n', ['Unterminated function call @1:5-1:7']],
    ['a = f(x..., y)\n', ['Missing closing parenthesis @1:8-1:11']],
    ['a = (1 + 2\n', ['Unbalanced parentheses @2:1-2:1']],
    ['a = x ? 1\n', ['Missing false expression in conditional @1:10-2:1']],
    ['a = x.\n', ['Invalid attribute name @1:7-2:1']],
    ['a = x.0.1\n', ['Invalid legacy index syntax @1:7-1:10']],
    ['a = x[*\n', ['Missing close bracket on splat index @1:8-2:1']],
    ['a = x[0\n', ['Missing close bracket on index @2:1-2:1']],
    ['a = [for x in y]\n', ["Invalid 'for' expression @1:16-1:17"]],
    ['a = {for x in y: x}\n', ["Invalid 'for' expression @1:18-1:19"]],
    ['a = [for x in y: k => x]\n', ["Invalid 'for' expression @1:18-1:19"]],
    ['a = "${x y}"\n', ['Extra characters after interpolation expression @1:10-1:11']],
    ['a = "${x"\n', ['Unclosed template interpolation sequence @1:6-1:8', 'Invalid multi-line string @1:10-2:1']],
    ['a = "%{ bogus }"\n', ['Invalid template control keyword @1:9-1:14']],
    ['a = "%{ if x }"\n', ['Unexpected end of template @1:16-1:16']],
    ['a = "%{ endif }"\n', ['Unexpected endif directive @1:6-1:16']],
    ['a = "%{ for x in y }%{ else }%{ endfor }"\n', ['Unexpected else directive @1:21-1:30']],
    ['a = "\\q"\n', ['Invalid escape sequence @1:6-1:8']],
    ['a = "\\u12"\n', ['Invalid escape sequence @1:6-1:10']],
    ['b "${x}" {}\n', ['Invalid string literal @1:4-1:6']],
    ['a = 1 ; b = 2\n', ['Invalid character @1:7-1:8', 'Missing newline after argument @1:7-1:8']],
    ['a = x & y\n', ['Unsupported operator @1:7-1:8', 'Missing newline after argument @1:7-1:8']],
    ['a = `x`\n', ['Invalid character @1:5-1:6', 'Invalid expression @1:5-1:6']],
    ['a = 1 /* open', ['Unterminated comment @1:7-1:9']],
  ])('%j', (src, want) => {
    expect(errors(src)).toEqual(want);
  });

  it('reports the errors of several lines of one file', () => {
    const src = ['a = 1 2', 'b = ]', 'block "x" {', '  c = [1 2]', '  "q" = 1', '  d = f(', '}', 'e = { a b }', 'g = 1,', 'h "x" = 2', ''].join('\n');
    expect(errors(src)).toEqual([
      'Missing newline after argument @1:7-1:8',
      'Invalid expression @2:5-2:6',
      'Missing item separator @4:10-4:11',
      'Invalid argument name @5:3-5:4',
      'Invalid expression @7:1-7:2',
      'Missing key/value separator @8:9-8:10',
      'Unexpected comma after argument @9:6-9:7',
      'Invalid block definition @10:7-10:8',
    ]);
  });

  it('keeps the items around an error', () => {
    const r = parseHCL('a = 1\nb = ]\nc = 3\nd { e = ( }\nf = 4\n', 't.hcl');
    expect(r.file.body.items.map((i) => (i.kind === 'attribute' ? i.name : i.type))).toEqual(['a', 'b', 'c', 'd', 'f']);
  });

  it('limits nesting depth without overflowing the stack', () => {
    for (const [open, close] of [['(', ')'], ['[', ']'], ['{a=', '}'], ['"${', '}"'], ['-', ''], ['!', '']]) {
      const src = `a = ${open!.repeat(20000)}1${close!.repeat(20000)}\nb = 2\n`;
      const r = parseHCL(src, 't.hcl');
      expect(r.diagnostics.map((d) => d.summary)).toContain('Nesting too deep');
    }
    const blocks = parseHCL('a {\n'.repeat(5000) + '}\n'.repeat(5000), 't.hcl');
    expect(blocks.diagnostics.map((d) => d.summary)).toContain('Nesting too deep');
    const chain = parseHCL(`a = x${'.b'.repeat(20000)} + ${'1 + '.repeat(20000)}1\n`, 't.hcl');
    expect(chain.diagnostics.map((d) => d.summary)).toContain('Nesting too deep');
    const directives = parseHCL(`a = "${'%{if x}'.repeat(5000)}"\n`, 't.hcl');
    expect(directives.diagnostics.map((d) => d.summary)).toContain('Nesting too deep');
  });

  it('accepts nesting at the depth real templates use', () => {
    expect(parseHCL(`a = ${'['.repeat(100)}1${']'.repeat(100)}\n`, 't.hcl').diagnostics).toEqual([]);
  });
});

function corpusFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? corpusFiles(path) : path.endsWith('.hcl') ? [path] : [];
  });
}

/** A small deterministic generator, so a failing mutation can be reproduced. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['{', '}', '[', ']', '(', ')', '"', '${', '%{', '~}', '<<EOT\n', '<<-EOT\n', 'EOT\n', '\n', '=', ',', '.', '*', '#', '/*', '\\', 'for', 'if', '...', ':', '?', '$${', 'é', '😀', '\t', '1e', '0.1.'];

describe('robustness', () => {
  const files = corpusFiles(join(SHARED_CORPUS, 'hcl')).slice(0, 40);

  it('never throws or hangs on mutated corpus templates', () => {
    expect(files.length).toBe(40);
    const next = random(20240601);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (let round = 0; round < 15; round++) {
        let mutated = text;
        const edits = 1 + Math.floor(next() * 6);
        for (let e = 0; e < edits; e++) {
          const at = Math.floor(next() * (mutated.length + 1));
          const kind = next();
          if (kind < 0.4) mutated = mutated.slice(0, at) + mutated.slice(at + 1 + Math.floor(next() * 20));
          else if (kind < 0.8) mutated = mutated.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + mutated.slice(at);
          else mutated = mutated.slice(0, at) + mutated.slice(Math.floor(next() * mutated.length)).slice(0, 30) + mutated.slice(at);
        }
        const started = Date.now();
        const r = parseHCL(mutated, file);
        expect(Date.now() - started).toBeLessThan(2000);
        expect(r.diagnostics.every((d) => d.summary !== 'Internal parser error')).toBe(true);
        for (const d of r.diagnostics) expect(d.range!.start.offset).toBeLessThanOrEqual(mutated.length);
      }
    }
  });
});

describe('garbage', () => {
  it('reports a run of invalid characters once, over the whole run', () => {
    expect(errors('a = 1\n@@@\n')).toEqual(['Invalid character @2:1-2:4', 'Argument or block definition required @2:1-2:4']);
  });

  it('keeps a bounded number of the errors of a file of garbage, the last standing for the rest, quickly', () => {
    for (const text of ['@ '.repeat(500_000), `a = "${'\\q'.repeat(500_000)}"\n`, '}\n'.repeat(300_000)]) {
      const started = Date.now();
      const { diagnostics } = parseHCL(text, 't.hcl');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(diagnostics.length).toBeLessThanOrEqual(201);
      const last = diagnostics.at(-1)!;
      expect(last.summary).toBe('Too many errors');
      expect(diagnostics.length - 1 + last.omitted!).toBeGreaterThanOrEqual(300_000);
    }
  });
});
