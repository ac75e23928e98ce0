// `hcp_packer_registry`, at the top level of a template (current Packer's place for it) or, deprecated, inside a
// `build` block. tsbuild has no HCP Packer registry: the block is checked as Packer checks it, then a warning says
// that nothing is published, wherever it is.

import type { Block } from '../hcl/ast.js';
import { errorDiag, hasErrors, warningDiag, type Diagnostic } from '../diag/diagnostic.js';
import type { Scope } from '../eval/scope.js';
import { formatRange } from '../hcl/position.js';
import { declareConfig, opt, type ConfigProblem } from '../plugin/config.js';
import type { BuildDef } from './model.js';
import { decodePluginConfig } from './plugin-config.js';
import { headerRange } from './variables.js';

const LABEL = 'hcp_packer_registry';
const MOVE_IT = 'Starting with Packer 1.12.1, it is recommended to move it to the top-level configuration instead of within a build block.';

/** The block's arguments, with Packer's checks of their values. */
const registryConfig = declareConfig(
  {
    bucket_name: opt.string('The image bucket the builds are published to: 3 to 36 ASCII letters, digits and hyphens.'),
    description: opt.string("The bucket's description, at most 255 characters."),
    bucket_labels: opt.stringMap("Labels shown on the bucket's page."),
    build_labels: opt.stringMap('Labels recorded with each build of the version.'),
  },
  (c) => {
    const out: ConfigProblem[] = [];
    if (c.description !== undefined && c.description.length > 255) {
      out.push({ message: `${LABEL}.description should have a maximum length of 255 characters.`, attribute: 'description' });
    }
    if (c.bucket_name && !/^[a-zA-Z0-9-]{3,36}$/.test(c.bucket_name)) {
      out.push({ message: `${LABEL}.bucket_name can only contain between 3 and 36 ASCII letters, numbers and hyphens.`, attribute: 'bucket_name' });
    }
    return out;
  },
);

/** Checks one block's arguments in the template's scope (values not known yet are left unchecked). */
export function checkRegistryBlock(block: Block, scope: Scope): Diagnostic[] {
  const context = { cwd: scope.fnContext.cwd, templateDir: scope.fnContext.baseDir, env: scope.fnContext.env };
  const decoded = decodePluginConfig({ bodies: [block.body], reserved: [] }, registryConfig, scope, LABEL, context);
  if (hasErrors(decoded.diagnostics)) return decoded.diagnostics;
  return [
    ...decoded.diagnostics,
    warningDiag(
      'Nothing will be published to an image registry',
      `tsbuild has no HCP Packer registry: the ${LABEL} block is checked, but builds publish nothing (no bucket, version or artifact metadata is recorded).`,
      headerRange(block),
    ),
  ];
}

/** A second block where one is allowed (the same build, or the top level twice). */
export function onlyOneRegistry(block: Block, first: Block): Diagnostic {
  return errorDiag(`Only one ${LABEL} is allowed`, `The first ${LABEL} block is at ${formatRange(headerRange(first))}.`, headerRange(block));
}

/**
 * One registry configuration per template, as Packer: the first build-level block is deprecated (a warning), any
 * other build-level block is an error, and so is the first when the top level has one too.
 */
export function checkRegistryCount(topLevel: Block | undefined, builds: readonly BuildDef[]): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const multiple = (b: Block) =>
    errorDiag('Multiple HCP Packer registry block declaration', `Multiple ${LABEL} blocks have been found, only one can be defined in HCL2 templates. ${MOVE_IT}`, headerRange(b));
  const inBuilds = builds.flatMap((b) => (b.hcpPackerRegistry ? [b.hcpPackerRegistry] : []));
  const [first, ...others] = inBuilds;
  if (!first) return diags;
  diags.push(warningDiag(`Build block level ${LABEL} are deprecated`, MOVE_IT, headerRange(first)));
  diags.push(...others.map(multiple));
  if (topLevel) diags.push(multiple(first));
  return diags;
}
