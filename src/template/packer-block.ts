import type { Block } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import type { Scope } from '../eval/scope.js';
import { convert, ConversionError } from '../value/convert.js';
import { T } from '../value/value.js';
import { decodeBody, type Schema } from './body.js';
import { evaluateStatic } from './variables.js';
import { PACKER_VERSION, satisfies } from './version.js';

const PACKER_SCHEMA: Schema = {
  attributes: { required_version: {} },
  blocks: { required_plugins: { labels: [] } },
};

/** Checks `packer { required_version, required_plugins }` blocks; `required_version` against PACKER_VERSION. */
export function checkPackerBlocks(blocks: Block[], scope: Scope): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const block of blocks) {
    const content = decodeBody(block.body, PACKER_SCHEMA);
    diags.push(...content.diagnostics);
    for (const rp of content.blocks) diags.push(...decodeBody(rp.body, { attributes: 'any', blocks: {} }).diagnostics);
    const attr = content.attributes.get('required_version');
    if (!attr) continue;
    const r = evaluateStatic(attr.expr, scope);
    diags.push(...r.diagnostics);
    if (r.diagnostics.length > 0) continue;
    let constraint: string;
    try {
      constraint = convert(r.value, T.string).asString();
    } catch (e) {
      if (!(e instanceof ConversionError) && !(e instanceof TypeError)) throw e;
      diags.push(errorDiag('Invalid required_version', 'required_version must be a string of version constraints, such as ">= 1.7.0".', attr.expr.range));
      continue;
    }
    const ok = satisfies(PACKER_VERSION, constraint);
    if (typeof ok === 'object') {
      diags.push(errorDiag('Invalid version constraint', `This string does not use correct version constraint syntax: ${ok.error}.`, attr.expr.range));
    } else if (!ok) {
      diags.push(
        errorDiag(
          'Unsupported Packer Core version',
          `This configuration does not support Packer version ${PACKER_VERSION} (the version tsbuild follows). To proceed, either choose another supported version or update the version constraint "${constraint}".`,
          attr.expr.range,
        ),
      );
    }
  }
  return diags;
}
