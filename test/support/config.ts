import type { ConfigDeclaration, ConfigOf, Options, ValidateContext } from '../../src/plugin/config.js';
import { decodePlainConfig } from '../../src/plugin/plain-config.js';

function contextFor(cwd: string): ValidateContext {
  return { cwd, templateDir: cwd, env: process.env };
}

/** A plugin's configuration from plain values, decoded as a template's would be; throws on any problem. */
export function configOf<O extends Options>(decl: ConfigDeclaration<O>, plain: Record<string, unknown>, cwd = process.cwd()): ConfigOf<O> {
  const r = decodePlainConfig(decl, plain, contextFor(cwd));
  if (r.diagnostics.length > 0) throw new Error(r.diagnostics.map((d) => d.detail).join('\n'));
  return r.config;
}

/** The problems decoding plain values reports (the plugin's checks' messages). */
export function problemsOf(decl: ConfigDeclaration, plain: Record<string, unknown>, cwd = process.cwd()): string[] {
  return decodePlainConfig(decl, plain, contextFor(cwd)).diagnostics.map((d) => d.detail);
}
