// The one decoder of plugin configurations. Each front end (HCL2 bodies, legacy JSON objects, plain values) reduces
// its input to bodies of entries (a name, a value evaluated on demand, or nested bodies) and supplies its own
// wording; this converts values to the declared types, applies defaults, checks names and required options and runs
// the declaration's checks. Values are evaluated on demand so that problems come out in the order of the source.

import { errorDiag, warningDiag, type Diagnostic } from '../diag/diagnostic.js';
import { formatRange } from '../hcl/position.js';
import type { Range } from '../hcl/ast.js';
import { convert, ConversionError } from '../value/convert.js';
import { sensitiveStrings } from '../value/sensitive.js';
import type { Type, Value } from '../value/value.js';
import { declaredNames, declaredOption, type ConfigDeclaration, type OptionSpec, type PluginConfig, type ValidateContext } from './config.js';

export type Report = (d: Diagnostic) => void;

/** One `name = value`, one nested block, or one JSON key (which may be either). */
export interface InputEntry {
  name: string;
  nameRange?: Range;
  /** The value's range: type errors and the checks' problems about this option point here. */
  range?: Range;
  /** The value, shaped towards `want` where the front end's typing is weak; undefined when it failed (reported). */
  value?(want: Type, report: Report): Value | undefined;
  /** The bodies a nested block holds (one per block, one per object of a JSON list). */
  blocks?(report: Report): InputBody[];
  /** A problem of form the front end found (a block with labels): reported instead of decoding the entry. */
  problem?: Diagnostic;
  /** This entry's own message for a value of the wrong type (a provisioner override). */
  mistyped?(error: string): Diagnostic;
}

export interface InputBody {
  /** Where problems without an option of their own point (a missing required option, a check's problem). */
  range?: Range;
  /** The entries in source order; `given` holds the names earlier bodies set. */
  entries(report: Report, given: ReadonlySet<string>): InputEntry[];
}

/** How a front end words problems, and in which order it finds them. */
export interface FrontEnd {
  /** HCL reads a body's structure (names) before any value, as hcl.Body.Content; JSON decodes key by key. */
  structureFirst: boolean;
  unknown(entry: InputEntry, names: { options: string[]; blocks: string[]; reserved: readonly string[] }, where: string): Diagnostic;
  mistyped(entry: InputEntry, error: string, where: string): Diagnostic;
  /** An option set again, in the same body or by a later one; undefined when the later value simply wins. */
  repeated(entry: InputEntry, previous: InputEntry, sameBody: boolean): Diagnostic | undefined;
}

export interface DecodeOptions {
  /** Names the message says the problem is in (`provisioner "shell"`). */
  where: string;
  /** Names the template language handles itself (`name`, `only`, `pause_before`...): skipped. */
  reserved?: readonly string[];
  context: ValidateContext;
  /**
   * Renders the decoded values before the plugin's checks, as Packer's plugins interpolate their strings in Prepare
   * before checking them (`ami_name = "app-{{timestamp}}"`); problems go to `diags`.
   */
  render?: (config: PluginConfig, diags: Diagnostic[]) => PluginConfig;
}

export interface DecodedConfig {
  config: PluginConfig;
  diagnostics: Diagnostic[];
  /**
   * For output redaction, as text: the values of options declared sensitive, and every string value marked
   * sensitive (a sensitive variable, or a value made from one, whatever option it is in).
   */
  sensitive: string[];
  /** False when a value was not known yet (validation waits for build time). */
  complete: boolean;
}

/** A value as plain JS data for plugins; unknown values become undefined. */
export function toPlain(v: Value): unknown {
  if (!v.known) return undefined;
  if (v.raw === null) return null;
  if (Array.isArray(v.raw)) return v.elements().map(toPlain);
  if (v.raw instanceof Map) return Object.fromEntries(v.entries().map(([k, x]) => [k, toPlain(x)]));
  return v.raw;
}

const isEmpty = (v: unknown) => v === '' || v === 0 || (Array.isArray(v) && v.length === 0);

function applyDefault(spec: OptionSpec, v: unknown): unknown {
  const f = spec.fallback;
  if (!f || (v !== undefined && v !== null && !(f.whenEmpty && isEmpty(v)))) return v;
  return structuredClone(f.value);
}

function textsOf(v: unknown): string[] {
  if (typeof v === 'string') return v === '' ? [] : [v];
  if (typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) return v.flatMap(textsOf);
  if (v !== null && typeof v === 'object') return Object.values(v).flatMap(textsOf);
  return [];
}

/** Decodes the bodies (a source block, then a build's additions or overrides) against the declaration. */
export function decodeConfig(decl: ConfigDeclaration, bodies: InputBody[], fe: FrontEnd, o: DecodeOptions): DecodedConfig {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (d) => void diagnostics.push(d);
  const reserved = o.reserved ?? [];
  const names = { ...declaredNames(decl), reserved };
  const config: Record<string, unknown> = {};
  const given = new Map<string, InputEntry>();
  const ranges = new Map<string, Range | undefined>();
  const sensitive: string[] = [];
  let complete = true;

  const takeOption = (e: InputEntry, spec: OptionSpec) => {
    const previous = given.get(e.name);
    const redefined = previous && fe.repeated(e, previous, false);
    if (redefined) return report(redefined);
    given.set(e.name, e);
    ranges.set(e.name, e.range);
    const value = e.value!(spec.type, report);
    if (!value) return;
    if (!value.isWhollyKnown) complete = false;
    try {
      const converted = convert(value, spec.type);
      sensitive.push(...sensitiveStrings([converted], { stringsOnly: true }));
      const plain = toPlain(converted);
      if (plain === null) delete config[e.name];
      else config[e.name] = plain;
    } catch (err) {
      if (!(err instanceof ConversionError)) throw err;
      sensitive.push(...sensitiveStrings([value], { stringsOnly: true }));
      report(e.mistyped ? e.mistyped(err.message) : fe.mistyped(e, err.message, o.where));
    }
  };

  const takeBlock = (e: InputEntry, nested: ConfigDeclaration, repeated: boolean) => {
    const previous = given.get(e.name);
    given.set(e.name, e);
    ranges.set(e.name, e.range);
    for (const body of e.blocks!(report)) {
      if (!repeated && config[e.name] !== undefined) {
        const at = previous?.nameRange ?? e.nameRange;
        report(errorDiag(`Duplicate ${e.name} block`, `Only one ${e.name} block is allowed.${at ? ` Another was defined at ${formatRange(at)}.` : ''}`, e.nameRange));
        continue;
      }
      const r = decodeConfig(nested, [body], fe, { where: `${e.name} block`, context: o.context });
      diagnostics.push(...r.diagnostics);
      sensitive.push(...r.sensitive);
      complete &&= r.complete;
      if (repeated) ((config[e.name] as unknown[] | undefined) ?? (config[e.name] = [])).push(r.config);
      else config[e.name] = r.config;
    }
  };

  const take = (e: InputEntry) => {
    const d = declaredOption(decl, e.name)!;
    if (d.kind === 'option') takeOption(e, d.spec);
    else takeBlock(e, d.declaration, d.repeated);
  };

  for (const body of bodies) {
    const inBody = new Map<string, InputEntry>();
    // Whether the entry names something declared, in the form declared, once per body. Reserved names pass the
    // checks and are then skipped.
    const admit = (e: InputEntry): boolean => {
      const d = declaredOption(decl, e.name);
      const isReserved = e.value !== undefined && reserved.includes(e.name);
      const asValue = isReserved || (e.value !== undefined && d?.kind === 'option');
      const problem = !asValue && !(d?.kind === 'block' && e.blocks) ? fe.unknown(e, names, o.where) : e.problem;
      if (problem) {
        report(problem);
        return false;
      }
      if (asValue) {
        const previous = inBody.get(e.name);
        const duplicate = previous && fe.repeated(e, previous, true);
        if (duplicate) {
          report(duplicate);
          return false;
        }
        inBody.set(e.name, e);
      }
      return !isReserved;
    };
    const entries = body.entries(report, new Set(given.keys()));
    if (fe.structureFirst) {
      const admitted = entries.filter(admit);
      for (const e of admitted) if (declaredOption(decl, e.name)!.kind === 'option') take(e);
      for (const e of admitted) if (declaredOption(decl, e.name)!.kind === 'block') take(e);
    } else {
      for (const e of entries) if (admit(e)) take(e);
    }
  }

  const bodyRange = bodies[0]?.range;
  for (const [name, d] of Object.entries(decl.options)) {
    if (d.kind === 'option' && d.spec.required && !given.has(name)) {
      report(errorDiag('Missing required argument', `The argument "${name}" is required in ${o.where}, but no definition was found.`, bodyRange));
    }
  }
  for (const [name, d] of Object.entries(decl.options)) {
    if (d.kind === 'block') {
      if (d.repeated && config[name] === undefined) config[name] = [];
      continue;
    }
    const v = applyDefault(d.spec, config[name]);
    if (v !== undefined) config[name] = v;
    if (d.spec.sensitive) sensitive.push(...textsOf(v));
  }
  const rendered = o.render ? o.render(config, diagnostics) : config;
  if (diagnostics.length === 0 && complete && decl.validate) {
    for (const p of decl.validate(rendered as never, o.context)) {
      const at = (p.attribute && ranges.get(p.attribute)) || bodyRange;
      report(p.severity === 'warning' ? warningDiag(p.summary ?? `Warning when preparing ${o.where}`, p.message, at) : errorDiag(p.summary ?? `Invalid ${o.where}`, p.message, at));
    }
  }
  return { config: rendered, diagnostics, sensitive, complete };
}
