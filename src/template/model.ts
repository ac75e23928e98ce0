import type { Attribute, Block, Body, Expression, File, Range } from '../hcl/ast.js';
import type { Type, Value } from '../value/value.js';
import type { RegistryBlockSettings } from './hcp-registry.js';

export interface Validation {
  condition: Expression;
  errorMessage: Expression;
  range: Range;
}

/** An input variable declared by a `variable` block or a `variables {}` attribute. */
export interface Variable {
  name: string;
  type: Type;
  /** Absent when the variable has no default: it must then be set by the user. */
  default?: Value;
  description?: string;
  sensitive: boolean;
  validations: Validation[];
  /** The declaration: `variable "name"` or the attribute name in `variables {}`. */
  range: Range;
  /** The `default` expression, hidden in quoted source lines when the variable is sensitive. */
  defaultRange?: Range;
}

/** A local value from `locals {}` or a `local "name"` block. */
export interface LocalDef {
  name: string;
  expr: Expression;
  sensitive: boolean;
  range: Range;
}

/** A `source "type" "name"` block. */
export interface SourceDef {
  type: string;
  name: string;
  block: Block;
}

/** The parsed template: every file of a single-file or folder template, with top-level blocks sorted by kind. */
export interface TemplateConfig {
  /** `path.root`: the template's folder. */
  root: string;
  files: File[];
  /** `*.auto.pkrvars.hcl` / `*.auto.pkrvars.json` of a folder template, in lexical order. */
  autoVarFiles: File[];
  packerBlocks: Block[];
  variables: Map<string, Variable>;
  locals: LocalDef[];
  /** Keyed by `type.name`. */
  sources: Map<string, SourceDef>;
  /** Keyed by `type.name`. */
  data: Map<string, Block>;
  builds: Block[];
  /** The top-level `hcp_packer_registry` block (at most one is kept; a second is reported). */
  hcpPackerRegistry?: Block;
}

/** One step of the user's variable input, in command-line order. */
export type VarInput =
  | { kind: 'var'; name: string; raw: string }
  | { kind: 'file'; file: File };

/** What `var`, `local`, `path` and `packer` evaluate to once variables and locals are known. */
export interface EvaluatedTemplate {
  variables: Map<string, Value>;
  locals: Map<string, Value>;
}

/** A reference from a build to a source, possibly with a `source` block that renames it or adds settings. */
export interface SourceUse {
  type: string;
  name: string;
  /** The name the build gives it (`name` attribute of a build-level source block); defaults to `name`. */
  localName: string;
  /** Extra settings given in a build-level `source` block. */
  body?: Body;
  range: Range;
}

/** A provisioner or post-processor block with Packer's reserved arguments taken out. */
export interface PluginUse {
  type: string;
  /** `name = ...` (its expression: may use variables in current Packer). */
  name?: Expression;
  only: string[];
  except: string[];
  /** The full block; the plugin reads its own arguments from it, skipping the reserved ones. */
  block: Block;
  reserved: Map<string, Attribute>;
}

export interface BuildDef {
  name?: Expression;
  description?: Expression;
  sources: SourceUse[];
  provisioners: PluginUse[];
  errorCleanupProvisioner?: PluginUse;
  /** Each chain is a list of post-processors; a lone `post-processor` block is a chain of one. */
  postProcessorChains: PluginUse[][];
  hcpPackerRegistry?: Block;
  /** The build-level block's values, when it is valid. */
  registrySettings?: RegistryBlockSettings;
  block: Block;
}
