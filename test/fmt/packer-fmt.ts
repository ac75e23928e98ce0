import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PACKER } from '../support/packer-console.js';

export type PackerFormat = { ok: true; output: string } | { ok: false; message: string };

/**
 * Formats each text with real `packer fmt` (Packer 1.6.6 has no stdin mode and `-write=false` prints only the
 * file name, so each text is written to its own folder, formatted in place and read back), a few at a time.
 */
export async function packerFormat(inputs: { name: string; text: string }[], parallel = 6): Promise<PackerFormat[]> {
  if (!PACKER) throw new Error('packer is not installed');
  const root = mkdtempSync(join(tmpdir(), 'tsbuild-fmt-oracle-'));
  const results: PackerFormat[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const i = next++;
      const dir = mkdtempSync(join(root, 'f-'));
      const name = basename(inputs[i]!.name);
      writeFileSync(join(dir, name), inputs[i]!.text);
      results[i] = await new Promise((resolve) => {
        execFile(PACKER!, ['fmt', name], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1' } }, (err, stdout, stderr) =>
          resolve(err ? { ok: false, message: (stdout + stderr).trim() } : { ok: true, output: readFileSync(join(dir, name), 'utf8') }),
        );
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}
