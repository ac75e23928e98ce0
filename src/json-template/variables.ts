// User variables of a JSON template: defaults, then `-var-file` and `-var` in command-line order; every value
// is rendered once with `env`, `user` (other variables, resolved on demand) and the secret-store functions.

import type { JsonObject, Range } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { GoTemplateError, packerFunctions, renderGoTemplate, type PackerFunctionContext } from '../gotemplate/index.js';
import { Value } from '../value/value.js';
import type { RawTemplate } from './raw.js';

export type VarSource = { kind: 'var'; name: string; raw: string } | { kind: 'file'; path: string; object?: JsonObject };

interface Assigned {
  text: string;
  range?: Range;
}

export interface ResolveOptions {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  now: Date;
  templatePath: string;
  packerVersion: string;
  inputs: VarSource[];
  /** Report required variables that are not set. */
  requireAll: boolean;
}

function readVarFile(obj: JsonObject, path: string, assigned: Map<string, Assigned>, diags: Diagnostic[]): void {
  for (const p of obj.props) {
    const v = p.value;
    const text = v.kind === 'jstring' ? v.value : v.kind === 'jnumber' ? v.raw : v.kind === 'jbool' ? String(v.value) : undefined;
    if (text === undefined) {
      diags.push(errorDiag('Invalid variable file', `The value of "${p.name}" in ${path} must be a string, a number or a bool.`, v.range));
      continue;
    }
    assigned.set(p.name, { text, range: v.range });
  }
}

/** The message Packer gives for an interpolation error in a variable's value. */
function variableError(name: string, text: string, e: GoTemplateError): string {
  if (e.reason.includes('variable not set') || e.reason.includes('depends on itself')) {
    return (
      `Failed to interpolate "${name}": "${text}"; error: ${e.message}: Please make sure that the variable you're referencing ` +
      `has been defined; Packer treats all variables used to interpolate other user variables as required.`
    );
  }
  return e.column === undefined ? `error interpolating default value for '${name}': ${e.message}` : e.message;
}

/** Works out every variable's value. Values of `sensitive-variables` are marked 'sensitive'. */
export function resolveVariables(t: RawTemplate, opts: ResolveOptions): { values: Map<string, Value>; strings: Map<string, string>; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const assigned = new Map<string, Assigned>();
  for (const v of t.variables) if (v.default !== undefined) assigned.set(v.name, { text: v.default, range: v.valueRange });
  for (const input of opts.inputs) {
    if (input.kind === 'var') assigned.set(input.name, { text: input.raw });
    else if (input.object) readVarFile(input.object, input.path, assigned, diags);
  }
  if (opts.requireAll) {
    for (const v of t.variables) {
      if (v.default === undefined && !assigned.has(v.name)) diags.push(errorDiag('Required variable not set', `required variable not set: ${v.name}`, v.range));
    }
    // As Packer, values are rendered only once every required variable is set.
    if (diags.length > 0) return { values: new Map(), strings: new Map(), diagnostics: diags };
  }

  const strings = new Map<string, string>();
  const failed = new Set<string>();
  const active: string[] = [];
  const ctx: PackerFunctionContext = {
    now: opts.now,
    env: opts.env,
    cwd: opts.cwd,
    enableEnv: true,
    templatePath: opts.templatePath,
    packerVersion: opts.packerVersion,
    user: (k) => resolve(k),
  };
  const funcs = packerFunctions(ctx);
  const resolve = (name: string): string | undefined => {
    const done = strings.get(name);
    if (done !== undefined) return done;
    const a = assigned.get(name);
    if (!a || failed.has(name)) return undefined;
    if (active.includes(name)) throw new Error(`variable ${name} depends on itself`);
    active.push(name);
    try {
      const value = renderGoTemplate(a.text, { funcs, data: {}, keepUnknownFields: true });
      strings.set(name, value);
      return value;
    } catch (e) {
      if (!(e instanceof GoTemplateError)) throw e;
      // Report the innermost failure once; outer variables then fail quietly.
      if (active.length === 1 || !e.reason.includes('variable not set')) {
        diags.push(errorDiag('Failed to interpolate variable', variableError(name, a.text, e), a.range));
      }
      failed.add(name);
      if (active.length > 1) throw new Error(`Error: variable not set: ${name}`);
      return undefined;
    } finally {
      active.pop();
    }
  };
  for (const name of [...assigned.keys()].sort()) resolve(name);

  const sensitive = new Set(t.sensitive);
  const values = new Map<string, Value>();
  for (const [name, s] of strings) {
    const v = Value.string(s);
    values.set(name, sensitive.has(name) ? v.mark('sensitive') : v);
  }
  return { values, strings, diagnostics: diags };
}
