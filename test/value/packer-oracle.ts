// Runs expressions through the real `packer console` (Packer 1.6.6), one process per expression
// because the console prints only the result of its last input line.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PACKER = '/usr/bin/packer';
export const hasPacker = existsSync(PACKER);

const TEMPLATE = 'source "null" "a" { communicator = "none" }\nbuild { sources = ["source.null.a"] }\n';

function consoleOnce(dir: string, expr: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      PACKER,
      ['console', 't.pkr.hcl'],
      { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1' }, timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err && err.killed) reject(err);
        else resolve({ stdout, stderr });
      },
    );
    child.stdin!.end(`${expr}\n`);
  });
}

/** The console output (stdout and stderr) for each expression, in order. */
export async function evaluateWithPacker(exprs: readonly string[], parallel = 8): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'packer-console-'));
  try {
    writeFileSync(join(dir, 't.pkr.hcl'), TEMPLATE);
    const results: string[] = new Array(exprs.length);
    let next = 0;
    const worker = async () => {
      while (next < exprs.length) {
        const i = next++;
        const { stdout, stderr } = await consoleOnce(dir, exprs[i]!);
        results[i] = stdout + stderr;
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
