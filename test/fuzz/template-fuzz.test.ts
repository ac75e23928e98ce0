import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
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

// Byte-level fuzzing of whole commands: mutations of a valid HCL2 template and a valid legacy JSON template go
// through `validate` and `inspect` in-process, by the CLI's own entry (`main`), as a user's files would. Every
// run must end (no hang), with exit 0 or 1, no internal error, every error located, and bounded output with no
// raw control character.
// Seeded: a failure names its seed and round; TSBUILD_FUZZ_SEED=<seed> replays the same mutations.

const HCL = `variable "who" {
  type        = string
  default     = "world"
  description = "Who to greet."
  validation {
    condition     = length(var.who) > 0
    error_message = "The name must not be empty."
  }
}

variable "sizes" {
  type    = map(number)
  default = { small = 1, large = 8 }
}

variable "token" {
  type      = string
  default   = "s3cr3t"
  sensitive = true
}

locals {
  greeting = "hello \${var.who}"
  names    = [for k, v in var.sizes : "\${k}-\${v}" if v > 0]
  joined   = join(",", local.names)
  stamp    = formatdate("YYYY-MM-DD", "2024-03-01T10:00:00Z")
  doc      = <<-EOT
    %{ for n in local.names ~}
    item \${n}
    %{ endfor ~}
  EOT
}

source "null" "hello" {
  communicator = "none"
}

source "file" "note" {
  content = "\${local.greeting} (\${local.stamp}) \${sha256(local.joined)}"
  target  = "hello.txt"
}

build {
  name    = "demo"
  sources = ["source.null.hello", "source.file.note"]

  provisioner "shell-local" {
    inline           = ["echo \${upper(local.greeting)} from \${source.type}.\${source.name}"]
    environment_vars = ["TOKEN=\${var.token}"]
  }

  dynamic "provisioner" {
    for_each = var.sizes
    labels   = ["shell-local"]
    content {
      inline = ["echo \${provisioner.key}"]
    }
  }

  post-processor "manifest" {
    output     = "manifest.json"
    strip_path = true
  }
}
`;

const JSON_TEMPLATE = `{
  "variables": {
    "who": "world",
    "token": "s3cr3t",
    "greeting": "hello {{user \`who\`}}"
  },
  "sensitive-variables": ["token"],
  "builders": [
    { "type": "null", "name": "hello", "communicator": "none" },
    { "type": "file", "name": "note", "content": "{{user \`greeting\`}} {{isotime \\"2006-01-02\\"}}", "target": "hello.txt" }
  ],
  "provisioners": [
    { "type": "shell-local", "inline": ["echo {{user \`greeting\`}} from {{build_name}}"], "environment_vars": ["TOKEN={{user \`token\`}}"] },
    { "type": "shell-local", "only": ["hello"], "command": "echo {{upper \\"x\\"}}" }
  ],
  "post-processors": [[{ "type": "manifest", "output": "manifest.json", "strip_path": true }]]
}
`;

/** Pieces of syntax worth inserting whole, so that mutations reach past the first syntax error. */
const BYTE_PIECES = [...SNIPPETS, '{{', '{{user `who`}}'].map((p) => Buffer.from(p));

/** One to four edits at random places: random bytes (any of 256), deletions, duplications, bit flips, syntax pieces. */
function mutateBytes(src: Buffer, rand: () => number): Buffer {
  let b = src;
  const edits = 1 + Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (b.length + 1));
    const op = rand();
    if (op < 0.25) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 4) }, () => Math.floor(rand() * 256)));
      b = Buffer.concat([b.subarray(0, at), bytes, b.subarray(at)]);
    } else if (op < 0.45) {
      b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + Math.floor(rand() * 16))]);
    } else if (op < 0.6) {
      const from = Math.floor(rand() * b.length);
      b = Buffer.concat([b.subarray(0, at), b.subarray(from, from + Math.floor(rand() * 64)), b.subarray(at)]);
    } else if (op < 0.8 && at < b.length) {
      b = Buffer.from(b);
      b[at] = b[at]! ^ (1 << Math.floor(rand() * 8));
    } else {
      b = Buffer.concat([b.subarray(0, at), BYTE_PIECES[Math.floor(rand() * BYTE_PIECES.length)]!, b.subarray(at)]);
    }
  }
  return b;
}

function sink(): { stream: Writable; text: () => string } {
  let out = '';
  return {
    stream: new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) }),
    text: () => out,
  };
}

async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const stdout = sink();
  const stderr = sink();
  const started = performance.now();
  const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, stdin: Readable.from([]), env: { PATH: process.env.PATH }, cwd });
  return { code, stdout: stdout.text(), stderr: stderr.text(), ms: performance.now() - started };
}

/** Output bound: 30 diagnostics of a file, each a few hundred characters wide, come far below it. */
const MAX_OUTPUT = 64 * 1024;
const CLI_ROUNDS = 2000;
const SEED = Number(process.env.TSBUILD_FUZZ_SEED ?? 20261123);

describe('fuzz: byte-level mutations of templates through validate and inspect', () => {
  it(`ends every one of ${CLI_ROUNDS} runs of each command with a located answer of bounded size (seed ${SEED})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-cli-fuzz-'));
    const templates = [
      { name: 'fuzz.pkr.hcl', text: Buffer.from(HCL) },
      { name: 'fuzz.json', text: Buffer.from(JSON_TEMPLATE) },
    ];
    for (const t of templates) {
      writeFileSync(join(dir, t.name), t.text);
      for (const command of ['validate', 'inspect']) expect(await run([command, t.name], dir), `${command} of the unmutated ${t.name}`).toMatchObject({ code: 0, stderr: '' });
    }
    const rand = rng(SEED);
    const rejected = { validate: 0, inspect: 0 };
    let slowest = 0;
    for (let round = 0; round < CLI_ROUNDS; round++) {
      const t = templates[round % templates.length]!;
      writeFileSync(join(dir, t.name), mutateBytes(t.text, rand));
      for (const command of ['validate', 'inspect'] as const) {
        const r = await run([command, t.name], dir);
        const where = `${command} in round ${round} of seed ${SEED} (${t.name})`;
        expect(r.stderr, where).not.toContain('internal error');
        expect([0, 1], where).toContain(r.code);
        expect(r.stdout.length + r.stderr.length, where).toBeLessThan(MAX_OUTPUT);
        // Bytes of the template reach the terminal escaped, never as control characters (ESC [ ... would be obeyed).
        expect(r.stdout + r.stderr, `${where}: a raw control character`).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
        expect(r.stdout.split(/\n(?=Error: )/).length, `${where}: diagnostics of one file`).toBeLessThanOrEqual(31);
        if (r.code === 1) {
          rejected[command]++;
          expect(r.stdout + r.stderr, where).toMatch(/Error: /);
        }
        for (const block of r.stdout.split(/\n(?=Error: )/).filter((b) => b.startsWith('Error: '))) expect(block, `${where}: located`).toMatch(/\n {2}on fuzz\.(pkr\.hcl|json) line \d+, column \d+:\n/);
        expect(r.ms, `${where} took too long`).toBeLessThan(10_000);
        slowest = Math.max(slowest, r.ms);
      }
    }
    // The mutations must break templates often, or this test proves little.
    expect(rejected.validate).toBeGreaterThan(CLI_ROUNDS / 4);
    expect(rejected.inspect).toBeGreaterThan(CLI_ROUNDS / 10);
  }, 600_000);
});
