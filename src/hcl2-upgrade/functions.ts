// The HCL2 spelling of each Go template function of legacy JSON templates.

import { replaceGo } from '../gotemplate/index.js';
import { isIdentifier, quoteString } from './hcl-syntax.js';

/** Where a string is: what its Go templates may refer to depends on it. */
export type Where =
  | { kind: 'variable' }
  | { kind: 'local' }
  /** A source block: the build's name and type are known literally there. */
  | { kind: 'source'; type: string; name: string }
  /** A provisioner or post-processor, run for builders of these types. */
  | { kind: 'build'; types: readonly string[] };

/** What the translated strings need elsewhere in the file. */
export interface Usage {
  timestamp: boolean;
  isotime: boolean;
  strftime: boolean;
  /** Names passed to `user`. */
  users: Set<string>;
}

export interface TranslateContext {
  where: Where;
  /** Variables that became locals. */
  locals: ReadonlySet<string>;
  usage: Usage;
}

/** A translated operand: its HCL expression, and its value when it is a literal. */
export interface Arg {
  expr: string;
  literal?: string | number | boolean;
}

/** Thrown for what has no HCL2 spelling; without a reason for builder data the plugin renders itself. */
export class Unhandled extends Error {
  constructor(readonly reason?: string) {
    super(reason ?? 'builder data');
  }
}

export function newUsage(): Usage {
  return { timestamp: false, isotime: false, strftime: false, users: new Set() };
}

const expr = (e: string): Arg => ({ expr: e });
const literal = (s: string): Arg => ({ expr: quoteString(s), literal: s });

function arity(name: string, args: Arg[], min: number, max = min): void {
  if (args.length < min || args.length > max) throw new Unhandled(`${name} takes ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
}

function literalString(name: string, arg: Arg): string {
  if (typeof arg.literal !== 'string') throw new Unhandled(`${name} needs a literal string argument to be upgraded`);
  return arg.literal;
}

/** HCL's `replace` reads a `/.../` search string as a regular expression. */
function plainReplace(name: string, src: Arg, old: Arg, rep: Arg, n: number): Arg {
  if (typeof src.literal === 'string' && typeof old.literal === 'string' && typeof rep.literal === 'string') {
    return literal(replaceGo(src.literal, old.literal, rep.literal, n));
  }
  if (n >= 0) throw new Unhandled(`${name} with a count has no HCL2 equivalent`);
  if (typeof old.literal !== 'string' || /^\/.*\/$/s.test(old.literal)) throw new Unhandled(`${name} needs a literal search string to be upgraded`);
  return expr(`replace(${src.expr}, ${old.expr}, ${rep.expr})`);
}

/** The builder's resource naming rules (see gotemplate/clean-resource-name.ts), spelled with HCL functions. */
function cleanResourceName(x: string, where: Where): string {
  const types = where.kind === 'source' ? [where.type] : where.kind === 'build' ? [...new Set(where.types)] : [];
  const type = types.length === 1 ? types[0]! : '';
  if (type === 'googlecompute') return `(can(regex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$", ${x})) ? ${x} : regex_replace(lower(${x}), "[^a-z0-9]", "-"))`;
  if (type.startsWith('azure')) return `regex_replace(regex_replace(${x}, "[^-A-Za-z0-9._]", "-"), "[-_.]+$", "")`;
  return `regex_replace(${x}, "[^-A-Za-z0-9()\\\\[\\\\] ./'@_]", "-")`;
}

function buildField(name: string, where: Where, field: 'name' | 'type'): Arg {
  if (where.kind === 'source') return literal(where[field]);
  if (where.kind === 'build') return expr(`source.${field}`);
  throw new Unhandled(`${name} is only available in builders, provisioners and post-processors`);
}

/** The HCL2 form of a call of the Go template function `name`. */
export function callFunction(name: string, args: Arg[], ctx: TranslateContext): Arg {
  const { where, usage } = ctx;
  switch (name) {
    case 'user': {
      arity(name, args, 1);
      const v = literalString(name, args[0]!);
      if (!isIdentifier(v)) throw new Unhandled(`"${v}" is not a valid HCL2 variable name`);
      usage.users.add(v);
      return expr(ctx.locals.has(v) ? `local.${v}` : `var.${v}`);
    }
    case 'env':
      arity(name, args, 1);
      return expr(`env(${quoteString(literalString(name, args[0]!))})`);
    case 'timestamp':
      arity(name, args, 0);
      usage.timestamp = true;
      return expr('local.timestamp');
    case 'isotime':
      arity(name, args, 0, 1);
      if (args.length === 0) return expr('timestamp()');
      usage.isotime = true;
      return expr(`legacy_isotime(${args[0]!.expr})`);
    case 'strftime':
      arity(name, args, 1);
      usage.strftime = true;
      return expr(`legacy_strftime(${args[0]!.expr})`);
    case 'build_name':
      arity(name, args, 0);
      return buildField(name, where, 'name');
    case 'build_type':
      arity(name, args, 0);
      return buildField(name, where, 'type');
    case 'build': {
      arity(name, args, 1);
      const key = literalString(name, args[0]!);
      if (where.kind !== 'build') throw new Unhandled('build data is only available in provisioners and post-processors');
      return expr(isIdentifier(key) ? `build.${key}` : `build[${quoteString(key)}]`);
    }
    case 'template_dir':
      arity(name, args, 0);
      return expr('path.root');
    case 'pwd':
      arity(name, args, 0);
      return expr('path.cwd');
    case 'packer_version':
      arity(name, args, 0);
      return expr('packer.version');
    case 'uuid':
      arity(name, args, 0);
      return expr('uuidv4()');
    case 'lower':
    case 'upper':
      arity(name, args, 1);
      return expr(`${name}(${args[0]!.expr})`);
    case 'split': {
      arity(name, args, 3);
      const [s, sep, n] = args as [Arg, Arg, Arg];
      return expr(`split(${sep.expr}, ${s.expr})[${n.expr}]`);
    }
    case 'replace': {
      arity(name, args, 4);
      const [old, rep, n, src] = args as [Arg, Arg, Arg, Arg];
      if (typeof n.literal !== 'number') throw new Unhandled('replace needs a literal count to be upgraded');
      return plainReplace(name, src, old, rep, n.literal);
    }
    case 'replace_all': {
      arity(name, args, 3);
      const [old, rep, src] = args as [Arg, Arg, Arg];
      return plainReplace(name, src, old, rep, -1);
    }
    case 'clean_resource_name':
      arity(name, args, 1);
      return expr(cleanResourceName(args[0]!.expr, where));
    case 'consul_key':
      arity(name, args, 1);
      return expr(`consul_key(${args[0]!.expr})`);
    case 'vault':
      arity(name, args, 2);
      return expr(`vault(${args[0]!.expr}, ${args[1]!.expr})`);
    case 'aws_secretsmanager':
      arity(name, args, 1, 2);
      return expr(`aws_secretsmanager(${args[0]!.expr}, ${args[1]?.expr ?? '""'})`);
    case 'aws_secretsmanager_raw':
      arity(name, args, 1);
      return expr(`aws_secretsmanager_raw(${args[0]!.expr})`);
    default:
      throw new Unhandled(`the "${name}" function has no HCL2 equivalent`);
  }
}
