import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { hasErrors } from '../../diag/diagnostic.js';
import { pluginTable } from '../../plugins/table.js';
import { parseGoBool } from '../../util/go-bool.js';
import { upgradeJsonTemplate } from '../../hcl2-upgrade/upgrade.js';
import { loadJsonTemplate } from '../../json-template/load.js';
import type { CliIO } from '../io.js';
import { reportDiagnostics } from '../report.js';

export interface Hcl2UpgradeOptions {
  template: string;
  /** Defaults to `<template>.pkr.hcl`. */
  outputFile: string;
  withAnnotations: boolean;
}

export const HCL2_UPGRADE_USAGE = `Usage: tsbuild hcl2_upgrade [options] TEMPLATE

  Will transform your JSON template into an HCL2 configuration.

Options:

  -output-file=path    Set output file name. By default this will be the
                       TEMPLATE name with ".pkr.hcl" appended to it. To be a
                       valid Packer HCL template, it must have the suffix
                       ".pkr.hcl"
  -with-annotations    Add helper annotation comments to the file to help new
                       HCL2 users understand the template format.
`;

/** Go-style flags: `-output-file=F` or `-output-file F`, `-with-annotations[=bool]`, one template. */
export function parseHcl2UpgradeArgs(args: string[]): Hcl2UpgradeOptions | { help: true } | { error: string } {
  let outputFile: string | undefined;
  let withAnnotations = false;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const m = /^--?([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m) {
      positional.push(arg);
      continue;
    }
    const [, name, value] = m as unknown as [string, string, string | undefined];
    if (name === 'h' || name === 'help') return { help: true };
    if (name === 'output-file') {
      outputFile = value ?? args[++i];
      if (outputFile === undefined) return { error: 'flag needs an argument: -output-file' };
    } else if (name === 'with-annotations') {
      const on = value === undefined ? true : parseGoBool(value);
      if (on === undefined) return { error: `invalid boolean value "${value}" for -with-annotations` };
      withAnnotations = on;
    } else {
      return { error: `flag provided but not defined: ${arg}` };
    }
  }
  if (positional.length !== 1) return { error: 'hcl2_upgrade takes exactly one template' };
  const template = positional[0]!;
  return { template, outputFile: outputFile || `${template}.pkr.hcl`, withAnnotations };
}

/** Converts a JSON template and writes the HCL2 file. Exit 1 when the template cannot be read or a builder type is unknown. */
export async function hcl2Upgrade(opts: Hcl2UpgradeOptions, io: CliIO): Promise<number> {
  const loaded = await loadJsonTemplate(opts.template, { cwd: io.cwd, env: io.env, inputs: [], mode: 'syntax' });
  reportDiagnostics(io.stderr, loaded.diagnostics, loaded);
  if (hasErrors(loaded.diagnostics) || !loaded.template) {
    io.stderr.write('Failed to get config from JSON\n');
    return 1;
  }
  const result = upgradeJsonTemplate(loaded.template, { withAnnotations: opts.withAnnotations, plugins: pluginTable() });
  const output = resolve(io.cwd, opts.outputFile);
  try {
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, result.text);
  } catch (e) {
    io.stderr.write(`Failed to create output file: ${(e as Error).message}\n`);
    return 1;
  }
  for (const w of result.warnings) io.stderr.write(`Warning: ${w}\n`);
  const code = result.warnings.length > 0 ? 1 : 0;
  io.stdout.write(`Successfully created ${opts.outputFile}. Exit ${code}\n`);
  return code;
}

/** `tsbuild hcl2_upgrade` with its raw arguments. */
export async function runHcl2Upgrade(args: string[], io: CliIO): Promise<number> {
  const parsed = parseHcl2UpgradeArgs(args);
  if ('help' in parsed) {
    io.stdout.write(HCL2_UPGRADE_USAGE);
    return 0;
  }
  if ('error' in parsed) {
    io.stderr.write(`${parsed.error}\n${HCL2_UPGRADE_USAGE}`);
    return 1;
  }
  return hcl2Upgrade(parsed, io);
}
