// `hcp_packer_registry`, at the top level of a template (current Packer's place for it) or, deprecated, inside a
// `build` block: checked as Packer checks it, and read into the settings a build publishes with (src/publish). With no
// registry address in the environment a warning says that nothing is published and what to set.

import type { Block } from '../hcl/ast.js';
import { errorDiag, hasErrors, warningDiag, type Diagnostic } from '../diag/diagnostic.js';
import type { Scope } from '../eval/scope.js';
import { formatRange } from '../hcl/position.js';
import { declareConfig, opt, type ConfigOf, type ConfigProblem } from '../plugin/config.js';
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
    // tsbuild's addition (HCP assigns channels in its UI or API): a complete version is assigned to these channels.
    channels: opt.strings('Channels the version is assigned to once all its builds are done (created when missing).'),
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

/** What the block asks of the registry. */
export interface RegistryBlockSettings {
  readonly bucketName?: string;
  readonly description?: string;
  readonly bucketLabels?: Readonly<Record<string, string>>;
  readonly buildLabels?: Readonly<Record<string, string>>;
  readonly channels?: readonly string[];
  /** The name of the `build` block holding the block: the bucket's name when `bucket_name` is not set, as in Packer. */
  readonly buildBlockName?: string;
}

/**
 * Checks one block's arguments in the template's scope (values not known yet are left unchecked) and reads them.
 * Warns when builds would publish nothing: no TSBUILD_REGISTRY_URL, and HCP_PACKER_REGISTRY is not `off`.
 */
export function checkRegistryBlock(block: Block, scope: Scope): { diagnostics: Diagnostic[]; settings?: RegistryBlockSettings } {
  const env = scope.fnContext.env;
  const context = { cwd: scope.fnContext.cwd, templateDir: scope.fnContext.baseDir, env };
  const decoded = decodePluginConfig({ bodies: [block.body], reserved: [] }, registryConfig, scope, LABEL, context);
  if (hasErrors(decoded.diagnostics)) return { diagnostics: decoded.diagnostics };
  const c = decoded.config as ConfigOf<typeof registryConfig.options>;
  const settings: RegistryBlockSettings = { bucketName: c.bucket_name, description: c.description, bucketLabels: c.bucket_labels, buildLabels: c.build_labels, channels: c.channels };
  const diagnostics = [...decoded.diagnostics];
  if (!env.TSBUILD_REGISTRY_URL && env.HCP_PACKER_REGISTRY?.toLowerCase() !== 'off') {
    diagnostics.push(
      warningDiag(
        'Nothing will be published to an image registry',
        `No registry address is set: builds publish nothing (no bucket, version or artifact metadata is recorded). Set TSBUILD_REGISTRY_URL to a \`tsbuild registry serve\` address and TSBUILD_REGISTRY_TOKEN to a write token to publish, or HCP_PACKER_REGISTRY=off to build without the registry.`,
        headerRange(block),
      ),
    );
  }
  return { diagnostics, settings };
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
