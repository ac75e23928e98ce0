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

const KIND_NAMES: Record<string, string> = { jnumber: 'a number', jbool: 'a bool', jarray: 'an array', jobject: 'an object' };

function readVarFile(obj: JsonObject, path: string, assigned: Map<string, Assigned>, diags: Diagnostic[]): void {
  for (const p of obj.props) {
    const v = p.value;
    // As Packer, which decodes the file into a map of strings: `null` is the empty string and counts as set;
    // anything but a string is refused.
    if (v.kind !== 'jstring' && v.kind !== 'jnull') {
      diags.push(errorDiag('Invalid variable file', `Error reading variables in '${path}': the value of "${p.name}" is ${KIND_NAMES[v.kind]}; a variable file holds strings (or null).`, v.range));
      continue;
    }
    assigned.set(p.name, { text: v.kind === 'jstring' ? v.value : '', range: v.range });
  }
}

/** The message Packer gives for an interpolation error in a variable's value. */
function variableError(name: string, text: string, e: GoTemplateError): string {
  if (e.reason.includes('variable not set')) {
    return (
      `Failed to interpolate "${name}": "${text}"; error: ${e.message}: Please make sure that the variable you're referencing ` +
      `has been defined; Packer treats all variables used to interpolate other user variables as required.`
    );
  }
  return e.column === undefined ? `error interpolating default value for '${name}': ${e.message}` : e.message;
}

// Packer's test for a value that still refers to other variables: such a value is rendered again on every round.
const REFERS_TO_USER = /\{\{\s*user\s*`.*`\s*\}\}/;
const MAX_ROUNDS = 100;
/** A value this long can only come from values that refer to each other through the command line. */
const MAX_VALUE_LENGTH = 1 << 20;

interface Failure {
  name: string;
  text: string;
  range?: Range;
  error: GoTemplateError;
}

/**
 * Works out every variable's value as Packer does. Values are rendered in rounds, in name order, each seeing what
 * earlier renderings produced (and the unrendered text of `-var`/`-var-file` values not rendered yet). A value that
 * still calls `user` is rendered again on every round; one that refers to a variable not set yet waits for a later
 * round. It is an error only when a round renders nothing while something still waits: a chain resolves, but a
 * variable that refers to itself or to an undeclared variable fails unless some value that calls `user` renders.
 * A default that never renders is empty; a command-line value that never renders keeps its text, where a reference
 * to an unset variable is empty (as Packer's plugins, which render their configuration a second time, show it).
 * Values of `sensitive-variables` are marked 'sensitive'.
 */
export function resolveVariables(t: RawTemplate, opts: ResolveOptions): { values: Map<string, Value>; strings: Map<string, string>; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const declared = new Map<string, Assigned>();
  for (const v of t.variables) declared.set(v.name, { text: v.default ?? '', range: v.valueRange ?? v.range });
  const given = new Map<string, Assigned>();
  for (const input of opts.inputs) {
    if (input.kind === 'var') given.set(input.name, { text: input.raw });
    else if (input.object) readVarFile(input.object, input.path, given, diags);
  }
  if (opts.requireAll) {
    for (const v of t.variables) {
      if (v.default === undefined && !given.has(v.name)) diags.push(errorDiag('Required variable not set', `required variable not set: ${v.name}`, v.range));
    }
    // As Packer, values are rendered only once every required variable is set.
    if (diags.length > 0) return { values: new Map(), strings: new Map(), diagnostics: diags };
  }

  // What `user` sees: command-line values as given until they render, then every rendered value.
  const current = new Map<string, string>([...given].map(([k, a]) => [k, a.text]));
  const ctx: PackerFunctionContext = {
    now: opts.now,
    env: opts.env,
    cwd: opts.cwd,
    enableEnv: true,
    templatePath: opts.templatePath,
    packerVersion: opts.packerVersion,
    user: (k) => current.get(k),
  };
  const funcs = packerFunctions(ctx);
  const render = (text: string) => renderGoTemplate(text, { funcs, data: {}, keepUnknownFields: true });

  let pending = [...new Set([...declared.keys(), ...given.keys()])].sort().map((name) => ({ name, ...(given.get(name) ?? declared.get(name)!) }));
  let rendered = false;
  let waiting: Failure[] = [];
  let previous = '';
  for (let round = 0; round < MAX_ROUNDS && pending.length > 0; round++) {
    rendered = false;
    waiting = [];
    const again: typeof pending = [];
    for (const entry of pending) {
      try {
        const value = render(entry.text);
        if (value.length > MAX_VALUE_LENGTH) {
          diags.push(errorDiag('Failed to interpolate variable', `the value of "${entry.name}" grows without end: variables given on the command line refer to each other`, entry.range));
          return { values: new Map(), strings: new Map(), diagnostics: diags };
        }
        current.set(entry.name, value);
        rendered = true;
        if (REFERS_TO_USER.test(entry.text)) again.push(entry);
      } catch (e) {
        if (!(e instanceof GoTemplateError)) throw e;
        if (!e.reason.includes('variable not set')) {
          diags.push(errorDiag('Failed to interpolate variable', variableError(entry.name, entry.text, e), entry.range));
          return { values: new Map(), strings: new Map(), diagnostics: diags };
        }
        waiting.push({ ...entry, error: e });
        again.push(entry);
      }
    }
    pending = again;
    // Once a round changes nothing, every later round is the same: stop early.
    const state = JSON.stringify([pending.map((p) => p.name), [...current]]);
    if (state === previous) break;
    previous = state;
  }
  if (!rendered && waiting.length > 0) {
    const last = waiting[waiting.length - 1]!;
    diags.push(errorDiag('Failed to interpolate variable', variableError(last.name, last.text, last.error), last.range));
    return { values: new Map(), strings: new Map(), diagnostics: diags };
  }

  const strings = new Map<string, string>();
  for (const name of [...declared.keys(), ...given.keys()]) strings.set(name, current.get(name) ?? '');
  const unrendered = waiting.filter((w) => given.has(w.name));
  if (unrendered.length > 0) settleUnrendered(strings, ctx);

  const sensitive = new Set(t.sensitive);
  const values = new Map<string, Value>();
  for (const [name, s] of strings) {
    const v = Value.string(s);
    values.set(name, sensitive.has(name) ? v.mark('sensitive') : v);
  }
  return { values, strings, diagnostics: diags };
}

/**
 * Renders once more every value that still calls `user` (a command-line value that never rendered, or a value made
 * from one), with a reference to an unset variable empty, as Packer's plugins see such values.
 */
function settleUnrendered(strings: Map<string, string>, base: PackerFunctionContext): void {
  const funcs = packerFunctions({ ...base, enableEnv: false, user: (k) => strings.get(k) ?? '' });
  for (const [name, s] of strings) {
    if (!REFERS_TO_USER.test(s)) continue;
    try {
      strings.set(name, renderGoTemplate(s, { funcs, data: {}, keepUnknownFields: true }));
    } catch {
      // Left as it is: a value that does not render is used as text, as Packer's plugins would fail to render it too.
    }
  }
}

/** Where the values of `sensitive-variables` are written (defaults, var files), valid or not: quoted lines hide them. */
export function sensitiveRanges(t: RawTemplate, inputs: readonly VarSource[]): Range[] {
  const sensitive = new Set(t.sensitive);
  const ranges = t.variables.filter((v) => sensitive.has(v.name)).map((v) => v.valueRange);
  for (const input of inputs) if (input.kind === 'file' && input.object) ranges.push(...input.object.props.filter((p) => sensitive.has(p.name)).map((p) => p.value.range));
  return ranges;
}
