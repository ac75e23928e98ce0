import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PACKER } from '../support/packer-console.js';

export type PackerFormat = { ok: true; output: string } | { ok: false; message: string };

function packerFmt(cwd: string, target: string): Promise<{ failed: boolean; output: string }> {
  return new Promise((resolve) =>
    execFile(PACKER!, ['fmt', target], { cwd, env: { ...process.env, CHECKPOINT_DISABLE: '1' }, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({ failed: err !== null, output: stdout + stderr }),
    ),
  );
}

/** What Packer formats in a folder: its .pkr.hcl and .pkrvars.hcl files. */
const FOLDER_FILE = /\.pkr(vars)?\.hcl$/;

/**
 * Formats each text with real `packer fmt` (Packer 1.6.6 has no stdin mode and `-write=false` prints only the
 * file name, so texts are written to files, formatted in place and read back). Files Packer formats as part of a
 * folder are done in one run over a folder of them all (a file it cannot parse is named in its errors, and the
 * others are still formatted); the others one by one, a few at a time.
 */
export async function packerFormat(inputs: { name: string; text: string }[], parallel = 6): Promise<PackerFormat[]> {
  if (!PACKER) throw new Error('packer is not installed');
  const root = mkdtempSync(join(tmpdir(), 'tsbuild-fmt-oracle-'));
  const results: PackerFormat[] = new Array(inputs.length);
  const together = inputs.map((input, i) => ({ i, name: `${String(i).padStart(4, '0')}-${basename(input.name)}` })).filter((f) => FOLDER_FILE.test(f.name));
  if (together.length > 0) {
    const all = join(root, 'all');
    mkdirSync(all);
    for (const f of together) writeFileSync(join(all, f.name), inputs[f.i]!.text);
    const run = await packerFmt(all, '.');
    for (const f of together) {
      const error = run.output.split(/\n(?=Error: )/).find((block) => block.startsWith(`Error: encountered an error while formatting ${f.name}\n`));
      results[f.i] = error ? { ok: false, message: error.trim() } : { ok: true, output: readFileSync(join(all, f.name), 'utf8') };
    }
  }
  let next = 0;
  const alone = inputs.map((_, i) => i).filter((i) => results[i] === undefined);
  const worker = async () => {
    while (next < alone.length) {
      const i = alone[next++]!;
      const dir = mkdtempSync(join(root, 'f-'));
      const name = basename(inputs[i]!.name);
      writeFileSync(join(dir, name), inputs[i]!.text);
      const run = await packerFmt(dir, name);
      results[i] = run.failed ? { ok: false, message: run.output.trim() } : { ok: true, output: readFileSync(join(dir, name), 'utf8') };
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}
