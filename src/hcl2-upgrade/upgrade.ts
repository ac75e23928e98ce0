// `hcl2_upgrade`: a legacy JSON template as one HCL2 file, in the order Packer's converter writes it: packer
// block, variables, locals, sources, build. Go templates in strings are translated as they are met, so that
// every variable they use is declared, and the result is laid out by the formatter.

import { formatHCL } from '../fmt/format.js';
import type { RawTemplate } from '../json-template/raw.js';
import { isKnownPluginType } from '../plugins/catalog.js';
import type { PluginTable } from '../plugins/lookup.js';
import * as notes from './annotations.js';
import { renderBuild } from './build.js';
import { newUsage } from './functions.js';
import { renderPackerBlock } from './plugins.js';
import { nameSources, renderSource } from './sources.js';
import { translateString, type Where } from './translate.js';
import { localNames, undeclaredVariables, upgradeVariables, type UpgradedLocal, type UpgradedVariable } from './variables.js';

export interface UpgradeOptions {
  withAnnotations?: boolean;
  /** tsbuild's plugins: their declarations say which keys are nested blocks. */
  plugins?: PluginTable;
}

export interface UpgradeResult {
  /** The HCL2 file's text. */
  text: string;
  /** Problems worth telling the user (the file is written anyway). */
  warnings: string[];
  /** Variables declared without a default: they must be set to build. */
  required: string[];
}

const comment = (lines: string[]) => lines.map((n) => `# ${n.replace(/\n/g, ' ')}\n`).join('');

function renderVariable(v: UpgradedVariable): string {
  const body = ['  type = string'];
  if (v.default !== undefined) body.push(`  default = ${v.default}`);
  if (v.sensitive) body.push('  sensitive = true');
  return `\n${comment(v.notes)}variable "${v.name}" {\n${body.join('\n')}\n}\n`;
}

function renderLocals(locals: UpgradedLocal[]): string {
  let out = '';
  for (const l of locals.filter((x) => x.sensitive)) {
    out += `\n${comment(l.notes)}local "${l.name}" {\n  sensitive = true\n  expression = ${l.expression}\n}\n`;
  }
  const plain = locals.filter((x) => !x.sensitive);
  if (plain.length > 0) {
    out += `\n${comment(plain.flatMap((l) => l.notes))}locals {\n${plain.map((l) => `  ${l.name} = ${l.expression}`).join('\n')}\n}\n`;
  }
  return out;
}

/** Converts a JSON template read by json-template's readRawTemplate. */
export function upgradeJsonTemplate(t: RawTemplate, opts: UpgradeOptions = {}): UpgradeResult {
  const annotate = opts.withAnnotations === true;
  const usage = newUsage();
  const locals = localNames(t);
  const translator = (where: Where, out: string[]) => (s: string) => {
    const tr = translateString(s, { where, locals, usage });
    out.push(...tr.notes);
    return tr.template;
  };
  const vars = upgradeVariables(t, locals, usage);

  const sources = nameSources(t);
  const sourceBlocks = [...sources.values()].map((s) => {
    const blockNotes: string[] = [];
    const text = renderSource(s, opts.plugins, translator({ kind: 'source', type: s.builder.type, name: s.builder.name }, blockNotes), blockNotes);
    return `\n${comment(blockNotes)}${text}`;
  });
  const build = renderBuild(t, { sources, plugins: opts.plugins, translator });
  const variables = [...vars.variables, ...undeclaredVariables(t, usage)].sort((a, b) => (a.name < b.name ? -1 : 1));

  let out = annotate ? notes.FILE_HEADER : '';
  const packer = renderPackerBlock(t);
  if (packer) out += (annotate ? notes.PACKER_HEADER : '') + packer;
  if (variables.length > 0) out += (annotate ? notes.VARIABLES_HEADER : '') + variables.map(renderVariable).join('');
  if (usage.timestamp) out += `\n${annotate ? notes.TIMESTAMP_HEADER + '\n' : ''}locals { timestamp = regex_replace(timestamp(), "[- TZ:]", "") }\n`;
  if (usage.isotime) out += notes.LEGACY_TIME_NOTES.isotime + '\n';
  if (usage.strftime) out += notes.LEGACY_TIME_NOTES.strftime + '\n';
  if (vars.locals.length > 0) out += (annotate ? notes.LOCALS_HEADER : '') + renderLocals(vars.locals);
  if (sourceBlocks.length > 0) out += (annotate ? notes.SOURCES_HEADER : '') + sourceBlocks.join('');
  if (build) out += (annotate ? notes.BUILD_HEADER : '\n') + build;

  const warnings = t.builders.filter((b) => !isKnownPluginType('builder', b.type)).map((b) => `unknown builder type "${b.type}": its source block was written as it is`);
  return { text: formatHCL(out.replace(/^\n+/, '')), warnings, required: variables.filter((v) => v.default === undefined).map((v) => v.name) };
}
