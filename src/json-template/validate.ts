// Template-level checks Packer makes before preparing builds (Template.Validate and Core.Validate):
// builders exist, only/except and override name builders, min_packer_version is satisfied.

import type { Range } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { didYouMean } from '../diag/suggest.js';
import { PACKER_VERSION } from '../template/version.js';
import { satisfies } from '../template/version.js';
import type { RawTemplate } from './raw.js';

interface OnlyExcept {
  only: string[];
  except: string[];
  onlyRange?: Range;
  exceptRange?: Range;
}

function checkOnlyExcept(o: OnlyExcept, where: string, builders: string[], diags: Diagnostic[]): void {
  if (o.only.length > 0 && o.except.length > 0) {
    diags.push(errorDiag('Invalid template', `${where}: only one of 'only' or 'except' may be specified`, o.exceptRange));
    return;
  }
  for (const [key, names, range] of [['only', o.only, o.onlyRange], ['except', o.except, o.exceptRange]] as const) {
    for (const n of names) {
      if (!builders.includes(n)) diags.push(errorDiag('Invalid template', `${where}: '${key}' specified builder '${n}' not found.${didYouMean(n, builders)}`, range));
    }
  }
}

export function validateRawTemplate(t: RawTemplate): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const builders = t.builders.map((b) => b.name);
  if (t.builders.length === 0) diags.push(errorDiag('Invalid template', 'at least one builder must be defined', t.rootRange));
  t.provisioners.forEach((p, i) => {
    checkOnlyExcept(p, `provisioner ${i + 1}`, builders, diags);
    for (const [name, o] of p.override) {
      if (!builders.includes(name)) diags.push(errorDiag('Invalid template', `provisioner ${i + 1}: override '${name}' doesn't exist.${didYouMean(name, builders)}`, o.range));
    }
  });
  t.postProcessors.forEach((chain, i) => chain.forEach((p, j) => checkOnlyExcept(p, `post-processor ${i + 1}.${j + 1}`, builders, diags)));
  if (t.minVersion) {
    const ok = satisfies(PACKER_VERSION, `>= ${t.minVersion.value}`);
    if (typeof ok === 'object') diags.push(errorDiag('Invalid min_packer_version', `min_version is invalid: ${ok.error}`, t.minVersion.range));
    else if (!ok) diags.push(errorDiag('Unsupported Packer version', `This template requires Packer version ${t.minVersion.value} or higher; using ${PACKER_VERSION}`, t.minVersion.range));
  }
  return diags;
}
