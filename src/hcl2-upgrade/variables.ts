// User variables become `variable` blocks, except those whose default calls template functions other than
// `env`: HCL2 variable defaults cannot refer to anything, so those become locals (`local` blocks when they
// are sensitive), as Packer's hcl2_upgrade does. Variables used but never declared (set from a var file in
// JSON, or not at all) are declared with the empty string as default: what the JSON template renders when no var
// file sets them. (Current Packer declares them without a default, so the upgraded template fails where the JSON
// one passed; Packer 1.6.6 does not declare them at all.)

import type { RawTemplate } from '../json-template/raw.js';
import { functionsCalled, translateString, type TranslateContext, type Usage } from './translate.js';

export interface UpgradedVariable {
  name: string;
  /** The default's HCL expression; undefined for a required variable. */
  default?: string;
  sensitive: boolean;
  notes: string[];
}

export interface UpgradedLocal {
  name: string;
  expression: string;
  sensitive: boolean;
  notes: string[];
}

/** Names of the variables that must become locals. */
export function localNames(t: RawTemplate): Set<string> {
  const names = new Set<string>();
  for (const v of t.variables) {
    if (v.default === undefined) continue;
    const called = functionsCalled(v.default);
    if ([...called].some((f) => f !== 'env')) names.add(v.name);
  }
  return names;
}

/** Translates the declared variables (sorted by name, as Packer writes them). */
export function upgradeVariables(t: RawTemplate, locals: ReadonlySet<string>, usage: Usage): { variables: UpgradedVariable[]; locals: UpgradedLocal[] } {
  const sensitive = new Set(t.sensitive);
  const byName = new Map(t.variables.map((v) => [v.name, v]));
  const variables: UpgradedVariable[] = [];
  const upgradedLocals: UpgradedLocal[] = [];
  for (const name of [...byName.keys()].sort()) {
    const v = byName.get(name)!;
    const isLocal = locals.has(name);
    const ctx: TranslateContext = { where: { kind: isLocal ? 'local' : 'variable' }, locals, usage };
    const tr = v.default === undefined ? undefined : translateString(v.default, ctx);
    if (isLocal) upgradedLocals.push({ name, expression: `"${tr!.template}"`, sensitive: sensitive.has(name), notes: tr!.notes });
    else variables.push({ name, default: tr && `"${tr.template}"`, sensitive: sensitive.has(name), notes: tr?.notes ?? [] });
  }
  return { variables, locals: upgradedLocals };
}

/** Variables, empty by default, for the names used with `user` that the template does not declare. */
export function undeclaredVariables(t: RawTemplate, usage: Usage): UpgradedVariable[] {
  const declared = new Set(t.variables.map((v) => v.name));
  return [...usage.users]
    .filter((n) => !declared.has(n))
    .sort()
    .map((name) => ({ name, default: '""', sensitive: t.sensitive.includes(name), notes: [] }));
}
