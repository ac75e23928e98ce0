import type { Block, File } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import type { Scope } from '../eval/scope.js';
import { formatRange } from '../hcl/position.js';
import { decodeBody, type Schema } from './body.js';
import { onlyOneRegistry } from './hcp-registry.js';
import type { LocalDef, TemplateConfig } from './model.js';
import { decodeVariableBlock, decodeVariablesBlock, duplicateVariable, headerRange } from './variables.js';

export const ROOT_SCHEMA: Schema = {
  attributes: {},
  blocks: {
    packer: { labels: [] },
    source: { labels: ['type', 'name'] },
    variable: { labels: ['name'] },
    variables: { labels: [] },
    locals: { labels: [] },
    local: { labels: ['name'] },
    data: { labels: ['type', 'name'] },
    build: { labels: [] },
    hcp_packer_registry: { labels: [] },
    // Early HCL2 Packer read top-level `communicator "type" "name"` blocks; they are accepted and unused.
    communicator: { labels: ['type', 'name'] },
  },
};

const LOCAL_SCHEMA: Schema = { attributes: { expression: { required: true }, sensitive: {} }, blocks: {} };

/**
 * Sorts the top-level blocks of a template's files into a TemplateConfig, reporting what is not allowed,
 * duplicates, and problems in variable declarations. Nothing that depends on variable values is evaluated here.
 */
export function decodeTemplate(
  root: string,
  files: File[],
  autoVarFiles: File[],
  scope: Scope,
): { config: TemplateConfig; diagnostics: Diagnostic[]; duplicates: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // Duplicate sources and locals are reported by full validation only, as Packer does (not by -syntax-only).
  const duplicates: Diagnostic[] = [];
  const config: TemplateConfig = {
    root,
    files,
    autoVarFiles,
    packerBlocks: [],
    variables: new Map(),
    locals: [],
    sources: new Map(),
    data: new Map(),
    builds: [],
  };
  const localsSeen = new Map<string, LocalDef>();
  const addLocal = (l: LocalDef) => {
    const prev = localsSeen.get(l.name);
    if (prev) {
      duplicates.push(errorDiag('Duplicate local definition', `Local "${l.name}" was already defined at ${formatRange(prev.range)}. Each local must have a unique name.`, l.range));
      return;
    }
    localsSeen.set(l.name, l);
    config.locals.push(l);
  };
  for (const file of files) {
    const content = decodeBody(file.body, ROOT_SCHEMA);
    diagnostics.push(...content.diagnostics);
    for (const block of content.blocks) {
      switch (block.type) {
        case 'packer':
          config.packerBlocks.push(block);
          break;
        case 'variable': {
          const r = decodeVariableBlock(block, scope);
          diagnostics.push(...r.diagnostics);
          if (r.variable) addVariable(config, r.variable, diagnostics);
          break;
        }
        case 'variables': {
          const r = decodeVariablesBlock(block, scope);
          diagnostics.push(...r.diagnostics);
          for (const v of r.variables) addVariable(config, v, diagnostics);
          break;
        }
        case 'locals': {
          const c = decodeBody(block.body, { attributes: 'any', blocks: {} });
          diagnostics.push(...c.diagnostics);
          for (const a of c.attributes.values()) addLocal({ name: a.name, expr: a.expr, sensitive: false, range: a.nameRange });
          break;
        }
        case 'local': {
          const c = decodeBody(block.body, LOCAL_SCHEMA, `local "${block.labels[0]}"`);
          diagnostics.push(...c.diagnostics);
          const expr = c.attributes.get('expression');
          const sens = c.attributes.get('sensitive');
          const sensitive = sens?.expr.kind === 'literal' && sens.expr.value === true;
          if (expr) addLocal({ name: block.labels[0]!, expr: expr.expr, sensitive, range: headerRange(block) });
          break;
        }
        case 'source':
          addNamed(config.sources, block, 'source', duplicates, (key, prev) =>
            errorDiag(
              'Duplicate source block',
              `This source block has the same builder type and name as a previous block declared at ${formatRange(headerRange(prev))}. Each source must have a unique name per builder type.`,
              headerRange(block),
            ),
          );
          break;
        case 'data':
          addNamed(config.data, block, 'data', diagnostics, (key) =>
            errorDiag('Duplicate data block', `The data source "${key}" is declared twice. Each data source must have a unique name per type.`, headerRange(block)),
          );
          break;
        case 'build':
          config.builds.push(block);
          break;
        case 'hcp_packer_registry':
          // Checked with the builds (its arguments may use variables, locals and data sources).
          if (config.hcpPackerRegistry) duplicates.push(onlyOneRegistry(block, config.hcpPackerRegistry));
          else config.hcpPackerRegistry = block;
          break;
      }
    }
  }
  return { config, diagnostics, duplicates };
}

function addVariable(config: TemplateConfig, v: TemplateConfig['variables'] extends Map<string, infer V> ? V : never, diags: Diagnostic[]): void {
  const prev = config.variables.get(v.name);
  if (prev) diags.push(duplicateVariable(v.name, prev, v));
  else config.variables.set(v.name, v);
}

function addNamed<T extends { block: Block } | Block>(
  map: Map<string, T>,
  block: Block,
  kind: 'source' | 'data',
  diags: Diagnostic[],
  duplicate: (key: string, prev: Block) => Diagnostic,
): void {
  const [type, name] = block.labels as [string, string];
  const key = `${type}.${name}`;
  const prev = map.get(key);
  if (prev) {
    diags.push(duplicate(key, 'block' in prev ? prev.block : prev));
    return;
  }
  map.set(key, (kind === 'source' ? { type, name, block } : block) as T);
}
