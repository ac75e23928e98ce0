// The functions Packer offers in Go templates (packer-plugin-sdk template/interpolate/funcs.go), with
// Packer's argument types and error messages.

import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { readAwsSecret, readConsul, readVault, secretValue } from '../functions/contextual.js';
import type { FunctionContext } from '../functions/types.js';
import { cleanResourceName } from './clean-resource-name.js';
import { KeepVerbatim, type GoFunctionSpec } from './functions.js';
import { formatGoTime, RFC3339 } from './reference-time.js';
import { formatStrftime } from './strftime.js';

export interface PackerFunctionContext {
  /** The run's start time: `timestamp`, `isotime` and `strftime` give the same instant everywhere in a run. */
  now: Date;
  env: Readonly<Record<string, string | undefined>>;
  /** `pwd` */
  cwd: string;
  /** `env`, `vault`, `consul_key` and `aws_secretsmanager` are allowed: only while reading variable defaults. */
  enableEnv: boolean;
  /** `user`: a variable's value, or undefined when there is no such variable. */
  user?: (name: string) => string | undefined;
  buildName?: string;
  buildType?: string;
  /** Path of the template file, for `template_dir`. */
  templatePath?: string;
  packerVersion?: string;
  /**
   * Generated data for `build` ("ID", "Host", ...): a string, or null when not known yet (the action is then
   * kept as written, to be rendered when it is). Undefined when no build data exists where the string is used.
   */
  buildData?: Readonly<Record<string, string | null>>;
  /** Replaceable for tests. */
  uuid?: () => string;
}

/** Packer's time-ordered UUID: 8 bytes of Unix nanoseconds, then 8 random bytes. */
export function timeOrderedUuid(now = Date.now()): string {
  const b = Buffer.alloc(16);
  b.writeBigUInt64BE(BigInt(now) * 1_000_000n, 0);
  randomBytes(8).copy(b, 8);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Go's strings.Replace: at most n replacements (all when n < 0); an empty `old` matches between characters. */
export function replaceGo(src: string, old: string, replacement: string, n: number): string {
  if (n === 0 || old === replacement) return src;
  if (old === '') {
    const chars = [...src];
    let out = '';
    let done = 0;
    for (let i = 0; i <= chars.length; i++) {
      if (n < 0 || done < n) {
        out += replacement;
        done++;
      }
      if (i < chars.length) out += chars[i];
    }
    return out;
  }
  const parts = src.split(old);
  if (n < 0 || n >= parts.length - 1) return parts.join(replacement);
  return parts.slice(0, n + 1).join(replacement) + old + parts.slice(n + 1).join(old);
}

/** Go's unicode case mapping rune by rune (a rune without a one-rune mapping stays as it is). */
function mapRunes(s: string, f: (c: string) => string): string {
  return [...s].map((c) => {
    const m = f(c);
    return [...m].length === 1 ? m : c;
  }).join('');
}

const str = (call: (...a: any[]) => unknown, params: GoFunctionSpec['params']): GoFunctionSpec => ({ params, call });

export function packerFunctions(ctx: PackerFunctionContext): Record<string, GoFunctionSpec> {
  const onlyInVariables = (message: string) => {
    if (!ctx.enableEnv) throw new Error(message);
  };
  // Secret stores are read with the HCL functions' clients (synchronous HTTP).
  const fnContext: FunctionContext = { baseDir: ctx.cwd, cwd: ctx.cwd, env: { ...ctx.env }, now: () => ctx.now };
  return {
    build_name: str(() => {
      if (!ctx.buildName) throw new Error('build_name not available');
      return ctx.buildName;
    }, []),
    build_type: str(() => {
      if (!ctx.buildType) throw new Error('build_type not available');
      return ctx.buildType;
    }, []),
    env: str((k: string) => {
      onlyInVariables('env vars are not allowed here');
      return ctx.env[k] ?? '';
    }, ['string']),
    isotime: {
      params: [],
      variadic: 'string',
      call: (...format: string[]) => {
        if (format.length > 1) throw new Error(`too many values, 1 needed: [${format.join(' ')}]`);
        return formatGoTime(ctx.now, format[0] ?? RFC3339);
      },
    },
    strftime: str((f: string) => formatStrftime(f, ctx.now), ['string']),
    pwd: str(() => ctx.cwd, []),
    split: str((s: string, sep: string, i: number) => {
      const parts = s.split(sep);
      if (parts.length <= i || i < 0) throw new Error(`the substring ${i} was unavailable using the separator value, ${sep}, only ${parts.length} values were found`);
      return parts[i];
    }, ['string', 'string', 'int']),
    template_dir: str(() => {
      if (!ctx.templatePath) throw new Error('template path not available');
      return dirname(resolve(ctx.cwd, ctx.templatePath));
    }, []),
    timestamp: str(() => String(Math.floor(ctx.now.getTime() / 1000)), []),
    uuid: str(() => (ctx.uuid ?? timeOrderedUuid)(), []),
    user: str((k: string) => {
      const v = ctx.user?.(k);
      if (v === undefined && ctx.enableEnv) throw new Error(`Error: variable not set: ${k}`);
      return v ?? '';
    }, ['string']),
    packer_version: str(() => {
      if (!ctx.packerVersion) throw new Error('packer_version not available');
      return ctx.packerVersion;
    }, []),
    consul_key: str((key: string) => {
      onlyInVariables('consul_key is not allowed here');
      return readConsul(key, fnContext);
    }, ['string']),
    vault: str((path: string, key: string) => {
      onlyInVariables('Vault vars are only allowed in the variables section');
      return readVault(path, key, fnContext);
    }, ['string', 'string']),
    aws_secretsmanager: {
      params: [],
      variadic: 'string',
      call: (...secret: string[]) => {
        onlyInVariables('AWS Secrets Manager is only allowed in the variables section');
        if (secret.length === 0) throw new Error('secret name must be provided');
        if (secret.length > 2) throw new Error('only secret name and optional secret key can be provided.');
        return secretValue(readAwsSecret(secret[0]!, fnContext), secret[1] ?? '');
      },
    },
    aws_secretsmanager_raw: str((name: string) => {
      onlyInVariables('AWS Secrets Manager is only allowed in the variables section');
      return readAwsSecret(name, fnContext);
    }, ['string']),
    sed: str(() => {
      throw new Error('template function `sed` is deprecated use `replace` or `replace_all` instead.Documentation: https://www.packer.io/docs/templates/engine');
    }, ['string', 'string']),
    build: str((key: string) => {
      const data = ctx.buildData;
      if (!data) throw new Error(`Error validating build variable: the given variable ${key} will not be passed into your plugin.`);
      if (!Object.hasOwn(data, key)) throw new Error(`loaded data, but couldnt find ${key} in it.`);
      const v = data[key];
      if (v === null || v === undefined) throw new KeepVerbatim();
      return v;
    }, ['string']),
    replace: str((old: string, rep: string, n: number, src: string) => replaceGo(src, old, rep, n), ['string', 'string', 'int', 'string']),
    replace_all: str((old: string, rep: string, src: string) => replaceGo(src, old, rep, -1), ['string', 'string', 'string']),
    upper: str((s: string) => mapRunes(s, (c) => c.toUpperCase()), ['string']),
    lower: str((s: string) => mapRunes(s, (c) => c.toLowerCase()), ['string']),
    clean_resource_name: str((s: string) => cleanResourceName(s, ctx.buildType ?? ''), ['string']),
  };
}
