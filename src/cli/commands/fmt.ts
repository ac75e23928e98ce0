import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorDiag, type Diagnostic } from '../../diag/diagnostic.js';
import { renderDiagnostics } from '../../diag/render.js';
import { unifiedDiff } from '../../fmt/diff.js';
import { formatConfigSource } from '../../fmt/format-file.js';
import { isFormattedFile, listFormatTargets } from '../../fmt/targets.js';
import { decodeUtf8, type DecodedText } from '../../util/decode-utf8.js';
import { parseGoBool } from '../../util/go-bool.js';
import { InputFileError, readInputFile } from '../../util/read-input-file.js';
import type { CliIO } from '../io.js';

export interface FmtOptions {
  /** Files or folders; `-` reads standard input and writes the result to standard output. */
  targets: string[];
  check: boolean;
  diff: boolean;
  write: boolean;
  recursive: boolean;
}

export const FMT_USAGE = `Usage: tsbuild fmt [options] [TEMPLATE]

  Rewrites all Packer configuration files to a canonical format. Both
  configuration files (.pkr.hcl) and variable files (.pkrvars.hcl) are updated.
  JSON files (.json) are not modified.

  If TEMPLATE is "." or omitted, the current directory is used. If TEMPLATE
  is "-", the content is read from standard input and the formatted content is
  written to standard output.

Options:
  -check        Check if the input is formatted. Exit status will be 0 if all
                input is properly formatted, 3 if a file would change.

  -diff         Display diffs of formatting changes

  -write=false  Don't write to source files
                (always disabled if using -check)

  -recursive    Also process files in subdirectories. By default, only the
                given directory (or current directory) is processed.
`;

const BOOLEAN_FLAGS = ['check', 'diff', 'write', 'recursive'] as const;

/** Go-style flags: `-check`, `--diff`, `-write=false`, `-recursive=true`. Returns an error message or the options. */
export function parseFmtArgs(args: string[]): FmtOptions | { help: true } | { error: string } {
  const opts: FmtOptions = { targets: [], check: false, diff: false, write: true, recursive: false };
  for (const arg of args) {
    if (arg === '-' || !arg.startsWith('-')) {
      opts.targets.push(arg);
      continue;
    }
    const m = /^--?([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = m?.[1];
    if (name === 'h' || name === 'help') return { help: true };
    const flag = BOOLEAN_FLAGS.find((f) => f === name);
    if (!m || !flag) return { error: `flag provided but not defined: ${arg}` };
    const value = m[2] === undefined ? true : parseGoBool(m[2]);
    if (value === undefined) return { error: `invalid boolean value "${m[2]}" for -${flag}` };
    opts[flag] = value;
  }
  if (opts.targets.length === 0) opts.targets.push('.');
  if (opts.check) opts.write = false;
  return opts;
}

/** `tsbuild fmt` with its raw arguments. */
export async function runFmt(args: string[], io: CliIO): Promise<number> {
  const parsed = parseFmtArgs(args);
  if ('help' in parsed) {
    io.stdout.write(FMT_USAGE);
    return 0;
  }
  if ('error' in parsed) {
    io.stderr.write(`${parsed.error}\n${FMT_USAGE}`);
    return 1;
  }
  return fmt(parsed, io);
}

/**
 * Formats the targets as `packer fmt` does: prints the name of each file that changes (and its diff with
 * `-diff`), writes it unless `-write=false` or `-check`. Exit 1 when a file cannot be read or parsed (it is
 * left untouched), 3 with `-check` when a file would change, else 0.
 */
export async function fmt(opts: FmtOptions, io: CliIO): Promise<number> {
  const sources = new Map<string, string>();
  const diags: Diagnostic[] = [];
  let changed = false;
  for (const target of opts.targets) {
    const files = target === '-' ? ['-'] : listFormatTargets(target, { cwd: io.cwd, recursive: opts.recursive });
    for (const file of files) {
      const read = file === '-' ? decodeUtf8(await readAll(io.stdin)) : readTarget(file, io.cwd);
      if ('error' in read) {
        diags.push(errorDiag(`encountered an error while formatting ${file}`, read.error));
        continue;
      }
      const name = file === '-' ? '<stdin>' : file;
      sources.set(name, read.text);
      const result = formatConfigSource(read.text, name, read.invalid);
      if (!result.ok) {
        diags.push(...result.diagnostics);
        continue;
      }
      if (file === '-') {
        if (!result.changed || opts.write) io.stdout.write(result.output);
        changed ||= result.changed;
        continue;
      }
      if (!result.changed) continue;
      changed = true;
      io.stdout.write(`${file}\n`);
      if (opts.write) writeFileSync(resolve(io.cwd, file), result.output);
      if (opts.diff) io.stdout.write(unifiedDiff(read.text, result.output, `old/${file}`, `new/${file}`));
    }
  }
  if (diags.length > 0) {
    io.stdout.write(renderDiagnostics(diags, { get: (f) => sources.get(f) }) + '\n');
    return 1;
  }
  return opts.check && changed ? 3 : 0;
}

function readTarget(file: string, cwd: string): DecodedText | { error: string } {
  if (!isFormattedFile(file)) return { error: `file ${file} is not a HCL file: only .pkr.hcl and .pkrvars.hcl files are formatted` };
  try {
    return decodeUtf8(readInputFile(resolve(cwd, file), file));
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    return { error: `failed to open ${file}: ${e.reason}` };
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
