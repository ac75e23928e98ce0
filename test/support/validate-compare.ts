// Comparing `tsbuild validate` with `packer validate`: JSON templates of one builder, both validators run on them,
// and the first error each prints, as one line.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli, type CliResult } from './cli.js';
import { PACKER } from './packer-console.js';

export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Packer's first error: the first `* ` item of its MultiError, its wrapped lines joined. */
export function packerFirstError(stdout: string): string | undefined {
  const m = /^\s*\* ([\s\S]*?)(?=\n\s*\* |\n\s*\n|$)/m.exec(stdout);
  return m ? squash(m[1]!) : undefined;
}

/** The error of a builder that failed to prepare outside a MultiError: the paragraph after "Failed to prepare build". */
export function packerPrepareError(out: string): string | undefined {
  const m = /Failed to prepare build: "[^"]+"\n\n([^\n]+)/.exec(out);
  return m ? squash(m[1]!) : undefined;
}

/** tsbuild's first error: the message paragraph after the located excerpt of the first diagnostic. */
export function oursFirstError(stdout: string): string | undefined {
  const first = stdout.split(/\n(?=Error: )/)[0]!;
  const paragraphs = first.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return paragraphs.length ? squash(paragraphs[paragraphs.length - 1]!) : undefined;
}

/** A new folder (`prefix` names it) with `t.json`: one builder, `base` with `over` (undefined removes an option). */
export function jsonTemplateDir(prefix: string, base: Record<string, unknown>, over: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const builder = Object.fromEntries(Object.entries({ ...base, ...over }).filter(([, v]) => v !== undefined));
  writeFileSync(join(dir, 't.json'), JSON.stringify({ builders: [builder] }, null, 2));
  return dir;
}

export interface ValidateComparison {
  /** tsbuild's run. */
  ours: CliResult;
  /** Packer's first error without its final period, when Packer refused the template. */
  want?: string;
}

/**
 * Validates `<dir>/t.json` with tsbuild and with Packer 1.6.6 (`packerEnv` added to Packer's environment), expects
 * the same exit code, and, when Packer refused the template, that `firstError` finds its error.
 */
export async function validateLikePacker(
  dir: string,
  o: { packerEnv?: Record<string, string>; firstError?: (out: string) => string | undefined } = {},
): Promise<ValidateComparison> {
  const ours = await runCli(['validate', 't.json'], { cwd: dir });
  const theirs = spawnSync(PACKER!, ['validate', 't.json'], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1', ...o.packerEnv }, encoding: 'utf8', timeout: 30_000 });
  expect(ours.code, ours.stdout + ours.stderr).toBe(theirs.status);
  if (theirs.status === 0) return { ours };
  const want = (o.firstError ?? packerFirstError)(theirs.stdout + theirs.stderr);
  expect(want, theirs.stdout).toBeDefined();
  return { ours, want: want!.replace(/\.$/, '') };
}
