// File system functions. Relative paths given to file, filebase64, fileexists, fileset and templatefile are
// resolved against the template's folder (ctx.baseDir); abspath resolves against the working directory.

import { homedir } from 'node:os';
import { statSync } from 'node:fs';
import { InputFileError, readInputFile } from '../util/read-input-file.js';
import { T, Value, type Type } from '../value/value.js';
import { globFiles } from './glob.js';
import { basePath, cleanPath, dirPath, joinPath, relPath } from './go-path.js';
import { FunctionError, argError, define, param, type FunctionContext, type FunctionDef } from './types.js';

const str = (name: string) => param(name, T.string);

/** `~` and `~/...` expanded to the home folder (HOME from the context's environment). */
export function expandHome(path: string, ctx: FunctionContext): string {
  if (!path.startsWith('~')) return path;
  if (path.length > 1 && path[1] !== '/') throw new FunctionError('cannot expand user-specific home dir');
  const home = ctx.env.HOME ?? homedir();
  return home + path.slice(1);
}

/** The absolute, cleaned location of a path given to a file function. */
export function resolveFilePath(path: string, ctx: FunctionContext): string {
  const expanded = expandHome(path, ctx);
  const base = ctx.baseDir.startsWith('/') ? ctx.baseDir : joinPath(ctx.cwd, ctx.baseDir);
  return cleanPath(expanded.startsWith('/') ? expanded : joinPath(base, expanded));
}

/** The file's bytes, read by the one reader of input files (regular files, with a size limit). */
function readBytes(path: string, ctx: FunctionContext): Buffer {
  const full = resolveFilePath(path, ctx);
  try {
    return readInputFile(full);
  } catch (e) {
    if (!(e instanceof InputFileError)) throw e;
    if (e.code === 'ENOENT') throw new FunctionError(`no file exists at ${full}`);
    throw new FunctionError(`failed to read ${full}: ${e.reason}`);
  }
}

function readText(path: string, ctx: FunctionContext): string {
  const bytes = readBytes(path, ctx);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FunctionError(
      `contents of ${path} are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead`,
    );
  }
}

function modeText(path: string): string {
  const st = statSync(path);
  if (st.isDirectory()) return 'd' + permissions(st.mode);
  return '?' + permissions(st.mode);
}

function permissions(mode: number): string {
  const bits = 'rwxrwxrwx';
  return Array.from(bits, (ch, i) => (mode & (1 << (8 - i)) ? ch : '-')).join('');
}

function templateVarsType(t: Type): boolean {
  return t.kind === 'map' || t.kind === 'object' || t.kind === 'dynamic';
}

export const filesystemFunctions: Record<string, FunctionDef> = {
  abspath: define({
    params: [str('path')],
    returns: T.string,
    impl: ([p], ctx) => {
      const path = p!.asString();
      return Value.string(cleanPath(path.startsWith('/') ? path : joinPath(ctx.cwd, path)));
    },
  }),
  basename: define({ params: [str('path')], returns: T.string, impl: ([p]) => Value.string(basePath(p!.asString())) }),
  dirname: define({ params: [str('path')], returns: T.string, impl: ([p]) => Value.string(dirPath(p!.asString())) }),
  pathexpand: define({ params: [str('path')], returns: T.string, impl: ([p], ctx) => Value.string(expandHome(p!.asString(), ctx)) }),
  file: define({ params: [str('path')], returns: T.string, impl: ([p], ctx) => Value.string(readText(p!.asString(), ctx)) }),
  filebase64: define({
    params: [str('path')],
    returns: T.string,
    impl: ([p], ctx) => Value.string(readBytes(p!.asString(), ctx).toString('base64')),
  }),
  fileexists: define({
    params: [str('path')],
    returns: T.bool,
    impl([p], ctx) {
      const full = resolveFilePath(p!.asString(), ctx);
      let isFile: boolean;
      try {
        isFile = statSync(full).isFile();
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return Value.bool(false);
        throw new FunctionError(`failed to stat ${full}`);
      }
      if (isFile) return Value.bool(true);
      throw new FunctionError(`${full} is not a regular file, but "${modeText(full)}"`);
    },
  }),
  fileset: define({
    params: [str('path'), str('pattern')],
    returns: T.set(T.string),
    impl([p, pat], ctx) {
      const base = resolveFilePath(p!.asString(), ctx);
      const pattern = joinPath(base, pat!.asString());
      const matches = globFiles(pattern).map((m) => relPath(base, m));
      return Value.set(
        matches.map((m) => Value.string(m)),
        T.string,
      );
    },
  }),
  templatefile: define({
    params: [str('path'), param('vars', T.dynamic)],
    returns: T.dynamic,
    impl([p, vars], ctx) {
      if (!templateVarsType(vars!.type)) throw argError(1, 'invalid vars value: must be a map');
      const text = readText(p!.asString(), ctx);
      if (!ctx.renderTemplate) throw new FunctionError('templatefile is not available in this context');
      return ctx.renderTemplate(resolveFilePath(p!.asString(), ctx), text, vars!);
    },
  }),
};
