import type { Body } from '../hcl/ast.js';
import type { Diagnostic } from '../diag/diagnostic.js';
import { evaluate } from '../eval/evaluate.js';
import type { Scope } from '../eval/scope.js';
import { findBodyReferences } from './body-references.js';
import type { LoadedTemplate } from './load.js';

/** Roots whose names the template itself declares: what they hold does not depend on the plugin that reads it. */
const TEMPLATE_ROOTS = new Set(['var', 'local', 'data']);

/**
 * The problems of the references bodies make to variables, locals and data sources, each where it is, as the
 * evaluator reports them ("Unsupported attribute" for a variable the template does not declare). For configurations
 * that are not decoded: a plugin tsbuild does not have (what its options are and what `build.*` data it gives are
 * unknown, but an undeclared variable is an error whatever the plugin), or a template whose declarations failed.
 */
export function checkTemplateReferences(bodies: readonly Body[], scope: Scope): Diagnostic[] {
  return bodies
    .flatMap(findBodyReferences)
    .filter((r) => TEMPLATE_ROOTS.has(r.root))
    .flatMap((r) => evaluate(r.expr, scope).diagnostics);
}

/** The bodies of every plugin configuration the builds use: sources (with build-level source blocks), provisioners, post-processors. */
export function pluginBodies(loaded: LoadedTemplate): Body[] {
  return loaded.builds.flatMap((build) => [
    ...build.sources.flatMap((src) => {
      const def = loaded.config?.sources.get(`${src.type}.${src.name}`);
      return [...(def ? [def.block.body] : []), ...(src.body ? [src.body] : [])];
    }),
    ...[...build.provisioners, ...(build.errorCleanupProvisioner ? [build.errorCleanupProvisioner] : []), ...build.postProcessorChains.flat()].map((p) => p.block.body),
  ]);
}
