import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDiagnostics } from '../../src/diag/render.js';
import { loadTemplate } from '../../src/template/load.js';
import { runCli } from '../support/cli.js';
import { CORPUS } from '../support/shared.js';


interface Unit {
  path: string;
  kind: 'hcl' | 'json' | 'bad';
  unit: 'file' | 'dir';
  lang: 'hcl' | 'json';
}

const units: Unit[] = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8'));

async function load(unit: Unit, mode: 'syntax' | 'validate') {
  return loadTemplate(join(CORPUS, unit.path), { cwd: CORPUS, env: {}, inputs: [], mode });
}

describe('HCL corpus: every template current Packer accepts passes validate -syntax-only', () => {
  const hcl = units.filter((u) => u.kind === 'hcl');
  it('has the corpus', () => expect(hcl.length).toBeGreaterThan(70));
  it.each(hcl.map((u) => [u.path, u] as const))('%s', async (_p, unit) => {
    const r = await load(unit, 'syntax');
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(renderDiagnostics(errors, r.sources)).toBe('');
  });
});

describe('bad corpus: every invalid HCL template is rejected with a located message', () => {
  // The legacy JSON templates of bad/ are read by the JSON template loader and tested with it.
  const bad = units.filter((u) => u.kind === 'bad' && u.lang === 'hcl');
  it('has the corpus', () => expect(bad.length).toBeGreaterThan(20));
  it.each(bad.map((u) => [u.path, u] as const))('%s', async (_p, unit) => {
    const r = await load(unit, 'validate');
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.range, `located: ${e.summary}`).toBeDefined();
      expect(e.range!.start.line).toBeGreaterThan(0);
      expect(r.sources.has(e.range!.filename), `source known for ${e.range!.filename}`).toBe(true);
    }
  });
});

describe('HCL corpus: what Packer 1.6.6 fully validates, tsbuild validates too (but for plugins tsbuild lacks)', () => {
  interface Full extends Unit {
    packer166_validate_rc?: number;
    packer166_validate_rc_without_required_plugins_version?: number;
  }
  const valid = (units as Full[]).filter((u) => u.kind === 'hcl' && (u.packer166_validate_rc === 0 || u.packer166_validate_rc_without_required_plugins_version === 0));
  it('has such templates', () => expect(valid.length).toBeGreaterThan(15));
  // Run as Packer was: the CLI, from the template's own folder (plugins resolve relative paths against it).
  it.each(valid.map((u) => [u.path, u] as const))('%s', async (_p, unit) => {
    const dir = unit.unit === 'dir' ? join(CORPUS, unit.path) : dirname(join(CORPUS, unit.path));
    const r = await runCli(['validate', unit.unit === 'dir' ? '.' : basename(unit.path)], { cwd: dir });
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('Error: ') && !/ is not available$/.test(l));
    expect(errors, r.stdout).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain('internal error');
  });
});
