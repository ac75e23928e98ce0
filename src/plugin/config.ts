// A plugin's configuration, declared once: each option's type, default, required-ness, sensitivity and a one-line
// description, nested blocks with options of their own, and the checks across options. The TypeScript type of a
// decoded configuration is derived from its declaration (`ConfigOf`), so plugins read typed values without casts.
// Shared groups (the SSH communicator's options) are plain objects of options, composed by spreading.
//
// Hand-written rather than valibot: the decoder needs each option's template type (to convert HCL and JSON values
// with cty's rules and Packer's messages) and its default, sensitivity and description, which a validation
// library would carry as metadata beside its own types; the builder below is small and has no start-up cost.

import { T, type Type } from '../value/value.js';

/** A decoded configuration as the engine carries it: plain JS values (string, number, boolean, arrays, objects). */
export type PluginConfig = Record<string, unknown>;

/** What a check across options found; `attribute` names the option the message is about (its value is shown). */
export interface ConfigProblem {
  message: string;
  attribute?: string;
  /** The diagnostic's summary when it is not "Invalid <where>": "The winrm communicator is not available". */
  summary?: string;
  /**
   * 'warning' for what Packer's Prepare returns as a warning: shown by validate and build, which go on (a
   * configuration with only warnings is valid). An error unless set.
   */
  severity?: 'warning';
}

/** A warning from a check across options (Packer's Prepare warnings): `warning("A checksum of 'none'...")`. */
export function configWarning(message: string, attribute?: string): ConfigProblem {
  return { message, attribute, severity: 'warning' };
}

/** What checks may look at besides the configuration: never the process's own working directory or environment. */
export interface ValidateContext {
  /**
   * The working directory of the run. Relative paths in options resolve against it, as in Packer 1.6.6 (which
   * resolves `script = "x.sh"` against the directory it runs in, not the template's folder).
   */
  cwd: string;
  /** The template's folder (`path.root`, `{{template_dir}}`). */
  templateDir: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface OptionSpec {
  readonly type: Type;
  readonly description: string;
  readonly required: boolean;
  readonly sensitive: boolean;
  /**
   * The value used when the option is not set (or null); with `whenEmpty` also when it is '', [] or 0, as the
   * `if c.X == "" { c.X = ... }` defaults of Packer's plugins.
   */
  readonly fallback?: { readonly value: unknown; readonly whenEmpty: boolean };
}

/** One option. `Present` is true when a decoded configuration always has it (required, or with a default). */
export interface Option<V, Present extends boolean = false> {
  readonly kind: 'option';
  readonly spec: OptionSpec;
  /** Never set: carry the decoded type for `ConfigOf`. */
  readonly valueType?: V;
  readonly present?: Present;
  required(): Option<V, true>;
  default(value: V): Option<V, true>;
  defaultIfEmpty(value: V): Option<V, true>;
  sensitive(): Option<V, Present>;
}

/** A nested block: `Many` blocks decode to a list (empty when none is given), a single one to an object or undefined. */
export interface BlockOption<O extends Options, Many extends boolean> {
  readonly kind: 'block';
  readonly description: string;
  readonly repeated: Many;
  readonly declaration: ConfigDeclaration<O>;
}

export type Options = Readonly<Record<string, Option<unknown, boolean> | BlockOption<any, boolean>>>;

type Validate<C> = (config: C, ctx: ValidateContext) => ConfigProblem[];

export interface ConfigDeclaration<O extends Options = Options> {
  readonly options: O;
  /** Checks across options (Packer's Prepare errors), run once every value is known and of the right type. */
  validate?(config: ConfigOf<O>, ctx: ValidateContext): ConfigProblem[];
}

type Simplify<X> = { [K in keyof X]: X[K] } & {};

type ValueOf<E> =
  E extends Option<infer V, boolean> ? V : E extends BlockOption<infer O, true> ? ConfigOf<O>[] : E extends BlockOption<infer O, false> ? ConfigOf<O> : never;

type PresentKeys<O extends Options> = { [K in keyof O]: O[K] extends Option<unknown, true> | BlockOption<any, true> ? K : never }[keyof O];

/** The decoded configuration of a declaration: options that always have a value are not optional. */
export type ConfigOf<O extends Options> = Simplify<
  { readonly [K in PresentKeys<O>]: ValueOf<O[K]> } & { readonly [K in Exclude<keyof O, PresentKeys<O>>]?: ValueOf<O[K]> }
>;

/** The decoded configuration of a declaration or a plugin's declaration. */
export type ConfigOfDeclaration<D> = D extends ConfigDeclaration<infer O> ? ConfigOf<O> : never;

function option<V, P extends boolean>(spec: OptionSpec): Option<V, P> {
  return {
    kind: 'option',
    spec,
    required: () => option<V, true>({ ...spec, required: true }),
    default: (value) => option<V, true>({ ...spec, fallback: { value, whenEmpty: false } }),
    defaultIfEmpty: (value) => option<V, true>({ ...spec, fallback: { value, whenEmpty: true } }),
    sensitive: () => option<V, P>({ ...spec, sensitive: true }),
  };
}

const typed =
  <V>(type: Type) =>
  (description: string): Option<V, false> =>
    option<V, false>({ type, description, required: false, sensitive: false });

/** Option constructors by type; each takes the option's one-line description. */
export const opt = {
  string: typed<string>(T.string),
  number: typed<number>(T.number),
  bool: typed<boolean>(T.bool),
  strings: typed<string[]>(T.list(T.string)),
  /** A list of lists of strings (`qemuargs = [["-m", "1024M"]]`). */
  stringLists: typed<string[][]>(T.list(T.list(T.string))),
  numbers: typed<number[]>(T.list(T.number)),
  /** A map of strings (`tags = { Name = "x" }`). */
  stringMap: typed<Record<string, string>>(T.map(T.string)),
};

/** A single nested block (`source_ami_filter { ... }`): an object, or undefined when not given. */
export function block<O extends Options>(description: string, options: O, validate?: Validate<ConfigOf<O>>): BlockOption<O, false> {
  return { kind: 'block', description, repeated: false, declaration: { options, validate } };
}

/** A repeated nested block (`launch_block_device_mappings { ... }` given once per device): a list. */
export function blocks<O extends Options>(description: string, options: O, validate?: Validate<ConfigOf<O>>): BlockOption<O, true> {
  return { kind: 'block', description, repeated: true, declaration: { options, validate } };
}

/** A plugin's configuration: its options (spread shared groups into them) and its checks across options. */
export function declareConfig<O extends Options>(options: O, validate?: Validate<ConfigOf<O>>): ConfigDeclaration<O> {
  return { options, validate };
}

/** The names a declaration accepts, options and blocks apart, in declaration order. */
export function declaredNames(decl: ConfigDeclaration): { options: string[]; blocks: string[] } {
  const entries = Object.entries(decl.options);
  return { options: entries.filter(([, o]) => o.kind === 'option').map(([k]) => k), blocks: entries.filter(([, o]) => o.kind === 'block').map(([k]) => k) };
}

/** The option or block a declaration has under `name`. */
export function declaredOption(decl: ConfigDeclaration, name: string): Options[string] | undefined {
  return Object.hasOwn(decl.options, name) ? decl.options[name] : undefined;
}
