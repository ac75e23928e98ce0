import type { ConfigDeclaration, ConfigOf, Options, ValidateContext } from '../../src/plugin/config.js';
import { decodePlainConfig } from '../../src/plugin/plain-config.js';

function contextFor(cwd: string): ValidateContext {
  return { cwd, templateDir: cwd, env: process.env };
}

/** A plugin's configuration from plain values, decoded as a template's would be; throws on any error. */
export function configOf<O extends Options>(decl: ConfigDeclaration<O>, plain: Record<string, unknown>, cwd = process.cwd()): ConfigOf<O> {
  const errors = problemsOf(decl, plain, cwd);
  if (errors.length > 0) throw new Error(errors.join('\n'));
  return decodePlainConfig(decl, plain, contextFor(cwd)).config as ConfigOf<O>;
}

/** The errors decoding plain values reports (the plugin's checks' messages). */
export function problemsOf(decl: ConfigDeclaration, plain: Record<string, unknown>, cwd = process.cwd()): string[] {
  return decodePlainConfig(decl, plain, contextFor(cwd)).diagnostics.filter((d) => d.severity === 'error').map((d) => d.detail);
}

/** The warnings decoding plain values reports (Packer's Prepare warnings). */
export function warningsOf(decl: ConfigDeclaration, plain: Record<string, unknown>, cwd = process.cwd()): string[] {
  return decodePlainConfig(decl, plain, contextFor(cwd)).diagnostics.filter((d) => d.severity === 'warning').map((d) => d.detail);
}
