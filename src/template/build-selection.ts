// What the builds chosen with -only/-except refer to, so that only the data sources they need run before them
// (Packer runs every data source: packer#11037). Names come first: a build's name may itself use a local or a
// data source, and that one runs whatever is chosen.

import type { Block } from '../hcl/ast.js';
import { findReferences, type Reference } from '../eval/references.js';
import type { Scope } from '../eval/scope.js';
import { matchesAny } from '../util/glob.js';
import { decodeBody } from './body.js';
import { findBodyReferences } from './body-references.js';
import { appliesTo, evaluateBuildName, fullBuildName } from './build-names.js';
import { literalString } from './builds.js';
import type { BuildDef, PluginUse, SourceDef } from './model.js';

/** `-only` and `-except` of `build` (globs on build names; -except also on post-processor names). */
export interface BuildSelection {
  only: readonly string[];
  except: readonly string[];
}

export function isSelective(sel: BuildSelection | undefined): sel is BuildSelection {
  return sel !== undefined && (sel.only.length > 0 || sel.except.length > 0);
}

/** References that decide which builds there are and their names: build arguments, `dynamic` blocks, source renames. */
export function namingReferences(builds: readonly Block[]): Reference[] {
  const out: Reference[] = [];
  for (const block of builds) {
    const content = decodeBody(block.body, { attributes: 'any', blocks: { source: { labels: ['reference'] }, dynamic: { labels: ['type'] } } });
    for (const attr of content.attributes.values()) out.push(...findReferences(attr.expr));
    for (const b of content.blocks) {
      if (b.type === 'dynamic') out.push(...findBodyReferences(b.body));
      const rename = b.type === 'source' ? decodeBody(b.body, { attributes: 'any', blocks: {} }).attributes.get('name') : undefined;
      if (rename) out.push(...findReferences(rename.expr));
    }
  }
  return out;
}

/** A post-processor -except removes (by its literal name, or its type when unnamed; a computed name counts as kept). */
function excepted(use: PluginUse, sel: BuildSelection): boolean {
  if (sel.except.length === 0) return false;
  const name = use.name ? literalString(use.name) : use.type;
  return name !== undefined && matchesAny(sel.except, name);
}

/** References made by what the selected builds run: sources, provisioners, post-processors, hcp_packer_registry. */
export function selectedReferences(builds: readonly BuildDef[], sources: ReadonlyMap<string, SourceDef>, scope: Scope, sel: BuildSelection): Reference[] {
  const out: Reference[] = [];
  for (const build of builds) {
    const blockName = evaluateBuildName(build.name, scope, []);
    const picked = build.sources.filter((src) => {
      const name = fullBuildName(blockName, src);
      return (sel.only.length === 0 || matchesAny(sel.only, name)) && !matchesAny(sel.except, name);
    });
    if (picked.length > 0 && build.hcpPackerRegistry) out.push(...findBodyReferences(build.hcpPackerRegistry.body));
    const uses = [
      ...build.provisioners,
      ...(build.errorCleanupProvisioner ? [build.errorCleanupProvisioner] : []),
      ...build.postProcessorChains.flat().filter((p) => !excepted(p, sel)),
    ];
    for (const src of picked) {
      const def = sources.get(`${src.type}.${src.name}`);
      if (def) out.push(...findBodyReferences(def.block.body));
      if (src.body) out.push(...findBodyReferences(src.body));
      for (const use of uses) if (appliesTo(use, src)) out.push(...findBodyReferences(use.block.body));
    }
  }
  return out;
}
