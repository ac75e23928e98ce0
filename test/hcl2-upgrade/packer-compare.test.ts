import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hcl2Upgrade } from '../../src/cli/commands/hcl2-upgrade.js';
import { needs, packer } from '../support/needs.js';
import { PACKER } from '../support/packer-console.js';
import { CORPUS } from '../support/shared.js';
import { memoryIO } from './memory-io.js';

/**
 * Templates where Packer 1.6.6's converter is right. Elsewhere it is not: it leaves `{{isotime}}` in variable
 * defaults, refers to undeclared variables, drops `override`, keeps JSON build names in `only`/`except`, and
 * cannot parse `{{env "X"}}` spelled with double quotes.
 */
const SIMPLE = [
  'json/packer-v1.6.6/command/test-fixtures/timeout/template.json',
  'json/packer-v1.6.6/command/test-fixtures/build-variable-sharing/template.json',
  'json/packer-plugin-docker/builder/docker/test-fixtures/large_upload.json',
  'json/packer-v1.6.6/builder/amazon/examples/nginx_server/nginx.json',
  'json/packer-plugin-amazon/builder/examples/apache_server/apache.json',
];

/**
 * Packer 1.6.6 always writes its annotations and a `timestamp` local, and knows no `required_plugins`
 * (current Packer writes them): compare the blocks without comments, blank lines and the `packer` block.
 */
function blocks(text: string, keepTimestamp: boolean): string {
  return text
    .replace(/^packer \{\n[\s\S]*?^\}\n/m, '')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '' && !l.trimStart().startsWith('#'))
    .filter((l) => keepTimestamp || !l.startsWith('locals { timestamp ='))
    .join('\n');
}

function packerUpgrade(file: string, out: string): Promise<void> {
  return new Promise((done, fail) =>
    execFile(PACKER!, ['hcl2_upgrade', `-output-file=${out}`, basename(file)], { cwd: dirname(file), env: { ...process.env, CHECKPOINT_DISABLE: '1' } }, (err) =>
      err ? fail(err) : done(),
    ),
  );
}

needs(packer).describe('hcl2_upgrade writes what Packer 1.6.6 writes where Packer is right', () => {
  it.each(SIMPLE)('%s', async (path) => {
    const file = join(CORPUS, path);
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-upgrade-packer-'));
    await packerUpgrade(file, join(dir, 'packer.pkr.hcl'));
    const io = memoryIO(dirname(file));
    expect(await hcl2Upgrade({ template: basename(file), outputFile: join(dir, 'ours.pkr.hcl'), withAnnotations: true }, io)).toBe(0);
    const ours = readFileSync(join(dir, 'ours.pkr.hcl'), 'utf8');
    const theirs = readFileSync(join(dir, 'packer.pkr.hcl'), 'utf8');
    const usesTimestamp = ours.includes('local.timestamp');
    expect(blocks(ours, usesTimestamp)).toBe(blocks(theirs, usesTimestamp));
  });
});
