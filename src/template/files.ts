import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { File } from '../hcl/ast.js';
import { reportInvalidEncoding } from '../hcl/encoding.js';
import { parseFile } from '../hcl/parser.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { readSourceFile } from './read-source.js';

const TEMPLATE_SUFFIXES = ['.pkr.hcl', '.pkr.json'];
const AUTO_VAR_SUFFIXES = ['.auto.pkrvars.hcl', '.auto.pkrvars.json'];

export interface TemplateFiles {
  /** Folder of the template (`path.root`), as given by the user. */
  root: string;
  templates: string[];
  autoVarFiles: string[];
}

export function isLegacyJson(path: string): boolean {
  return path.endsWith('.json') && !path.endsWith('.pkr.json') && !path.endsWith('.pkrvars.json');
}

/**
 * Finds the files of a template: the file itself, or every `*.pkr.hcl` and `*.pkr.json` of a folder
 * (not its subfolders) with the folder's `*.auto.pkrvars.*` files. Names keep the form the user gave.
 */
export async function findTemplateFiles(target: string, cwd: string): Promise<TemplateFiles | Diagnostic> {
  let info;
  try {
    info = statSync(resolve(cwd, target));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return errorDiag('Template not found', `"${target}" is a loop of symbolic links: following them never reaches a file or folder.`);
    if (code === 'EACCES') return errorDiag('Template not found', `"${target}" cannot be read: permission denied.`);
    return errorDiag('Template not found', `There is no file or folder at "${target}".`);
  }
  if (!info.isDirectory()) {
    const slash = target.lastIndexOf('/');
    return { root: slash < 0 ? '.' : target.slice(0, slash) || '/', templates: [target], autoVarFiles: [] };
  }
  const names = readdirSync(resolve(cwd, target)).sort();
  const pick = (suffixes: string[]) => names.filter((n) => suffixes.some((s) => n.endsWith(s))).map((n) => join(target, n));
  const templates = pick(TEMPLATE_SUFFIXES);
  if (templates.length === 0) {
    return errorDiag('No template files', `The folder "${target}" holds no *.pkr.hcl or *.pkr.json file.`);
  }
  return { root: target, templates, autoVarFiles: pick(AUTO_VAR_SUFFIXES) };
}

/**
 * Reads and parses files (relative to `cwd`); every file's text is kept in `sources` under the name given.
 * Synchronous: template files are small, and the first asynchronous read would wait for libuv's thread pool.
 */
export async function parseFiles(
  paths: string[],
  sources: Map<string, string>,
  cwd: string,
  what: 'template' | 'variable file' = 'template',
): Promise<{ files: File[]; diagnostics: Diagnostic[] }> {
  const files: File[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const p of paths) {
    const read = readSourceFile(p, cwd, what);
    if ('severity' in read) {
      diagnostics.push(read);
      continue;
    }
    sources.set(p, read.text);
    const r = parseFile(read.text, p);
    files.push(r.file);
    // In source order, with the file's syntax errors (a sort that keeps the order of equal positions).
    const found = [...reportInvalidEncoding(r.file, read.invalid), ...r.diagnostics];
    diagnostics.push(...found.sort((a, b) => (a.range?.start.offset ?? 0) - (b.range?.start.offset ?? 0)));
  }
  return { files, diagnostics };
}
