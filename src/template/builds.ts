import type { Attribute, Block, Expression } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { didYouMean } from '../diag/suggest.js';
import { isKnownPluginType, PACKER_PLUGIN_TYPES, type PluginKind } from '../plugins/catalog.js';
import { unknownTypeDiag } from '../plugins/lookup.js';
import { evaluate } from '../eval/evaluate.js';
import type { Scope } from '../eval/scope.js';
import { formatRange } from '../hcl/position.js';
import { decodeBody, type Schema } from './body.js';
import { expandDynamicBlocks } from './dynamic.js';
import { checkRegistryBlock, onlyOneRegistry } from './hcp-registry.js';
import { evaluateBuildName } from './build-names.js';
import { parseDuration } from './duration.js';
import type { BuildDef, PluginUse, SourceDef, SourceUse } from './model.js';
import { headerRange } from './variables.js';

const BUILD_SCHEMA: Schema = {
  attributes: { name: {}, description: {}, sources: {} },
  blocks: {
    source: { labels: ['reference'] },
    provisioner: { labels: ['type'] },
    'error-cleanup-provisioner': { labels: ['type'] },
    'post-processor': { labels: ['type'] },
    'post-processors': { labels: [] },
    hcp_packer_registry: { labels: [] },
  },
};

const PROVISIONER_RESERVED = ['name', 'only', 'except', 'override', 'pause_before', 'max_retries', 'timeout'];
const POST_PROCESSOR_RESERVED = ['name', 'only', 'except', 'keep_input_artifact'];

/** Reads a list of string literals (`only`, `except`, `sources`); these may not use variables. */
function stringList(attr: Attribute | undefined, diags: Diagnostic[]): { value: string; expr: Expression }[] {
  if (!attr) return [];
  const e = attr.expr;
  if (e.kind !== 'tuple') {
    diags.push(errorDiag('Invalid list', `The argument "${attr.name}" must be a list of strings, such as ["source.null.example"].`, e.range));
    return [];
  }
  const out: { value: string; expr: Expression }[] = [];
  for (const item of e.items) {
    const text = literalString(item);
    if (text !== undefined) {
      out.push({ value: text, expr: item });
    } else {
      diags.push(errorDiag('Invalid list element', `Elements of "${attr.name}" must be literal strings; variables are not allowed here.`, item.range));
    }
  }
  return out;
}

/** The text of a string literal without interpolations, else undefined. */
export function literalString(e: Expression): string | undefined {
  if (e.kind !== 'template' || !e.parts.every((p) => p.kind === 'tliteral')) return undefined;
  return e.parts.map((p) => (p.kind === 'tliteral' ? p.value : '')).join('');
}

/** A build-level source's `name` given by an expression (a dynamic block's iterator, a variable). */
function evaluateName(expr: Expression, scope: Scope, diags: Diagnostic[]): string | undefined {
  const r = evaluate(expr, scope);
  diags.push(...r.diagnostics);
  if (r.diagnostics.length > 0 || !r.value.known || r.value.type.kind !== 'string' || r.value.isNull) return undefined;
  return r.value.asString();
}

/** `source.type.name` or `type.name` (Packer also reads `sources.type.name`). */
function parseSourceRef(ref: string): { type: string; name: string } | undefined {
  const parts = ref.split('.');
  if (parts.length === 3 && (parts[0] === 'source' || parts[0] === 'sources')) return { type: parts[1]!, name: parts[2]! };
  if (parts.length === 2) return { type: parts[0]!, name: parts[1]! };
  return undefined;
}

function checkPluginType(kind: PluginKind, block: Block, diags: Diagnostic[]): void {
  const type = block.labels[0]!;
  if (!isKnownPluginType(kind, type)) diags.push(unknownTypeDiag(kind, type, block.labelRanges[0]));
}

function decodePluginUse(kind: 'provisioner' | 'post-processor', block: Block, diags: Diagnostic[]): PluginUse {
  checkPluginType(kind, block, diags);
  const reservedNames = kind === 'provisioner' ? PROVISIONER_RESERVED : POST_PROCESSOR_RESERVED;
  const content = decodeBody(block.body, { attributes: 'any', blocks: {} });
  // Plugin-specific nested blocks are the plugin's business: only attribute problems are reported here.
  const reserved = new Map<string, Attribute>();
  for (const [name, attr] of content.attributes) if (reservedNames.includes(name)) reserved.set(name, attr);
  diags.push(...content.diagnostics.filter((d) => d.summary !== 'Unsupported block type'));
  for (const key of ['pause_before', 'timeout']) {
    const attr = reserved.get(key);
    const text = attr && literalString(attr.expr);
    if (text !== undefined && parseDuration(text) === undefined) {
      diags.push(errorDiag(`Failed to parse ${key} duration`, `"${text}" is not a duration: use a number with a unit, such as "30s", "5m" or "1h30m".`, attr!.expr.range));
    }
  }
  return {
    type: block.labels[0]!,
    name: reserved.get('name')?.expr,
    only: stringList(reserved.get('only'), diags).map((s) => s.value),
    except: stringList(reserved.get('except'), diags).map((s) => s.value),
    block,
    reserved,
  };
}

/**
 * Decodes `build` blocks: source references (which must name declared sources), provisioners,
 * error-cleanup provisioner, post-processors and chains, `hcp_packer_registry`.
 */
export function decodeBuild(block: Block, sources: Map<string, SourceDef>, scope: Scope): { build: BuildDef; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const expanded = expandDynamicBlocks(block.body, scope);
  diags.push(...expanded.diagnostics);
  const content = decodeBody(expanded.body, BUILD_SCHEMA);
  diags.push(...content.diagnostics);
  const build: BuildDef = {
    name: content.attributes.get('name')?.expr,
    description: content.attributes.get('description')?.expr,
    sources: [],
    provisioners: [],
    postProcessorChains: [],
    block,
  };
  const useSource = (ref: string, range: SourceUse['range'], body?: Block['body']) => {
    const parsed = parseSourceRef(ref);
    if (!parsed) {
      diags.push(errorDiag('Invalid source reference', `A valid source reference looks like "source.type.name"; got "${ref}".`, range));
      return;
    }
    const key = `${parsed.type}.${parsed.name}`;
    if (!sources.has(key)) {
      if (!isKnownPluginType('builder', parsed.type)) {
        diags.push(errorDiag(`Unknown source type ${parsed.type}`, `There is no builder named "${parsed.type}".${didYouMean(parsed.type, PACKER_PLUGIN_TYPES.builder)}`, range));
      } else {
        diags.push(errorDiag(`Unknown source ${key}`, `No source "${parsed.type}" "${parsed.name}" block is declared.${didYouMean(key, sources.keys())}`, range));
      }
      return;
    }
    build.sources.push({ ...parsed, localName: parsed.name, body, range });
  };
  for (const s of stringList(content.attributes.get('sources'), diags)) useSource(s.value, s.expr.range);

  for (const b of content.blocks) {
    switch (b.type) {
      case 'source': {
        const before = build.sources.length;
        useSource(b.labels[0]!, b.labelRanges[0]!, b.body);
        const added = build.sources[before];
        const nameAttr = b.body.items.find((i): i is Attribute => i.kind === 'attribute' && i.name === 'name');
        const rename = nameAttr && (literalString(nameAttr.expr) ?? evaluateName(nameAttr.expr, scope, diags));
        if (added && rename !== undefined) added.localName = rename;
        break;
      }
      case 'provisioner':
        build.provisioners.push(decodePluginUse('provisioner', b, diags));
        break;
      case 'error-cleanup-provisioner':
        if (build.errorCleanupProvisioner) {
          diags.push(
            errorDiag(
              'Duplicate error-cleanup-provisioner block',
              `Only one error-cleanup-provisioner block is allowed per build; the first is at ${formatRange(headerRange(build.errorCleanupProvisioner.block))}.`,
              headerRange(b),
            ),
          );
          break;
        }
        build.errorCleanupProvisioner = decodePluginUse('provisioner', b, diags);
        break;
      case 'post-processor':
        build.postProcessorChains.push([decodePluginUse('post-processor', b, diags)]);
        break;
      case 'post-processors': {
        const chain = decodeBody(b.body, { attributes: {}, blocks: { 'post-processor': { labels: ['type'] } } });
        diags.push(...chain.diagnostics);
        build.postProcessorChains.push(chain.blocks.map((pp) => decodePluginUse('post-processor', pp, diags)));
        break;
      }
      case 'hcp_packer_registry':
        if (build.hcpPackerRegistry) {
          diags.push(onlyOneRegistry(b, build.hcpPackerRegistry));
          break;
        }
        const checked = checkRegistryBlock(b, scope);
        diags.push(...checked.diagnostics);
        build.hcpPackerRegistry = b;
        if (checked.settings) build.registrySettings = { ...checked.settings, buildBlockName: evaluateBuildName(build.name, scope, []) };
        break;
    }
  }
  return { build, diagnostics: diags };
}

/** Checks the types of declared sources (data sources are checked with their configuration). */
export function checkSourceTypes(sources: Map<string, SourceDef>): Diagnostic[] {
  const diags: Diagnostic[] = [];
  for (const s of sources.values()) {
    if (!isKnownPluginType('builder', s.type)) {
      diags.push(errorDiag(`Unknown source type ${s.type}`, `There is no builder named "${s.type}".${didYouMean(s.type, PACKER_PLUGIN_TYPES.builder)}`, s.block.labelRanges[0]));
    }
  }
  return diags;
}
