import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfigSource } from '../../src/fmt/format-file.js';
import { formatHCL } from '../../src/fmt/format.js';
import { CORPUS } from '../support/shared.js';
import { listFormattedFiles } from './corpus-files.js';
import { needs, packer } from '../support/needs.js';
import { packerFormat, type PackerFormat } from './packer-fmt.js';
import { perturbLayout } from './perturb.js';

const files = listFormattedFiles(CORPUS).map((path) => ({ name: relative(CORPUS, path), text: readFileSync(path, 'utf8') }));

describe('fmt on the corpus', () => {
  it('has the corpus', () => expect(files.length).toBeGreaterThan(150));

  it.each(files.map((f) => [f.name, f] as const))('%s: parses, and formatting is idempotent', (_n, f) => {
    const r = formatConfigSource(f.text, f.name);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.summary).join('; '));
    expect(formatHCL(r.output)).toBe(r.output);
  });

  needs(packer).describe('equals packer fmt byte for byte', () => {
    let oracle: PackerFormat[] = [];
    it('runs packer fmt on every file', async () => {
      oracle = await packerFormat(files);
      const refused = files.flatMap((f, i) => (oracle[i]!.ok ? [] : [`${f.name}: ${(oracle[i] as { message: string }).message}`]));
      // Files written for newer Packer versions may use syntax 1.6.6 cannot parse; their tests below are skipped.
      expect(refused.length).toBeLessThan(files.length / 4);
    }, 300_000);

    it.for(files.map((f, i) => [f.name, i] as const))('%s', ([, i], ctx) => {
      const want = oracle[i];
      if (!want) throw new Error('packer fmt did not run');
      if (!want.ok) return ctx.skip(`packer fmt 1.6.6 cannot format it: ${want.message.split('\n')[0]}`);
      expect(formatHCL(files[i]!.text)).toBe(want.output);
    });
  });

  // The same files with their layout spoiled: many more spacing and indentation situations than the tidy
  // originals show. Where Packer refuses a spoiled text, so must we.
  needs(packer).describe('equals packer fmt on the corpus with its layout spoiled', () => {
    const spoiled = files.map((f, i) => ({ name: f.name, text: perturbLayout(f.text, i + 1) }));
    let oracle: PackerFormat[] = [];
    it('runs packer fmt on every spoiled file', async () => {
      oracle = await packerFormat(spoiled);
      expect(oracle.filter((r) => r.ok).length).toBeGreaterThan(files.length * 0.9);
    }, 300_000);

    it.each(spoiled.map((f, i) => [f.name, i] as const))('%s', (_n, i) => {
      const want = oracle[i];
      if (!want) throw new Error('packer fmt did not run');
      const ours = formatConfigSource(spoiled[i]!.text, spoiled[i]!.name);
      expect(ours.ok ? ours.output : 'rejected').toBe(want.ok ? want.output : 'rejected');
    });
  });
});
