import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspect } from '../../../src/cli/commands/inspect.js';
import { needs, packer } from '../../support/needs.js';
import { PACKER } from '../../support/packer-console.js';
import { CORPUS } from '../../support/shared.js';
import { memoryIO } from '../../hcl2-upgrade/memory-io.js';

const units = (JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as { path: string }[])
  .map((u) => u.path)
  .filter((p) => p.startsWith('json/') && p.endsWith('.json'));

async function ours(file: string): Promise<{ code: number; out: string }> {
  const io = memoryIO(dirname(file));
  const code = await inspect({ target: basename(file), inputs: [] }, io);
  return { code, out: io.out() };
}

function packerInspect(file: string): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile(PACKER!, ['inspect', basename(file)], { cwd: dirname(file), env: { ...process.env, CHECKPOINT_DISABLE: '1' } }, (err, stdout) =>
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout }),
    );
  });
}

/** Packer lists required variables in Go map order, which varies between runs: compare that section sorted. */
function sortRequired(out: string): string {
  return out.replace(/(Required variables:\n\n)((?: {2}.*\n)+)/, (_, head: string, lines: string) => head + lines.split('\n').filter(Boolean).sort().join('\n') + '\n');
}

describe('inspect on legacy JSON templates', () => {
  it('prints the JSON layout: description, required and optional variables, named builders, provisioners', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-inspect-'));
    writeFileSync(
      join(dir, 't.json'),
      JSON.stringify({
        description: 'Demo',
        variables: { zeta: null, alpha: 'a {{timestamp}}', secret: 'x', 'long_name': '' },
        'sensitive-variables': ['secret'],
        builders: [{ type: 'null', communicator: 'none' }, { type: 'file', name: 'second', target: 'x', content: 'y' }],
        provisioners: [{ type: 'shell-local', inline: ['true'] }, { type: 'shell-local', inline: ['true'] }],
        'post-processors': [['manifest']],
      }),
    );
    const r = await ours(join(dir, 't.json'));
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'Packer Inspect: JSON mode',
        'Description:',
        '',
        'Demo',
        '',
        'Required variables:',
        '',
        '  zeta',
        '',
        'Optional variables and their defaults:',
        '',
        '  alpha     = a {{timestamp}}',
        '  long_name = ',
        '  secret    = <sensitive>',
        '',
        'Builders:',
        '',
        '  null  ',
        '  second (file)',
        '',
        'Provisioners:',
        '',
        '  shell-local',
        '  shell-local',
        '',
        'Note: If your build names contain user variables or template',
        "functions such as 'timestamp', these are processed at build time,",
        'and therefore only show in their raw form here.',
        '',
      ].join('\n'),
    );
  });

  it('says when there are no variables, builders or provisioners', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-inspect-'));
    writeFileSync(join(dir, 'e.json'), '{"builders": []}');
    const r = await ours(join(dir, 'e.json'));
    expect(r.out).toContain('Variables:\n\n  <No variables>\n\nBuilders:\n\n  <No builders>\n\nProvisioners:\n\n  <No provisioners>\n\nNote:');
  });

  it('fails with a located error on a broken template', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-inspect-'));
    writeFileSync(join(dir, 'b.json'), '{"builders": [{"type": "null"}],\n "bogus": 1}');
    const r = await ours(join(dir, 'b.json'));
    expect(r.code).toBe(1);
    expect(r.out).toContain("Unknown root level key in template: 'bogus'");
    expect(r.out).toContain('b.json line 2');
  });

  it('has corpus templates to compare', () => expect(units.length).toBeGreaterThan(30));

  needs(packer).each(units)('prints what Packer 1.6.6 prints for %s', async (path) => {
    const file = join(CORPUS, path);
    const [mine, packer] = await Promise.all([ours(file), packerInspect(file)]);
    expect(packer.code).toBe(0);
    expect(mine.code).toBe(0);
    expect(sortRequired(mine.out)).toBe(sortRequired(packer.out));
  });
});
