// Real Packer (Debian's package, 1.6.6): the behaviour oracle of many tests.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Path of the packer binary; undefined when it is not installed (tests that need it use needs(packer), see needs.ts).
 * TSBUILD_TEST_PACKER names another one (or a missing one, to see what the tests do without it).
 */
export const PACKER = (process.env.TSBUILD_TEST_PACKER ? [process.env.TSBUILD_TEST_PACKER] : ['/usr/bin/packer', '/usr/local/bin/packer']).find((p) => existsSync(p));

/** The smallest template the console accepts: what the expressions see besides the functions. */
export const CONSOLE_TEMPLATE = 'source "null" "a" { communicator = "none" }\nbuild { sources = ["source.null.a"] }\n';

function consoleOnce(dir: string, expr: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(PACKER!, ['console', 't.pkr.hcl'], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1' }, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err && err.killed) reject(err);
      else resolve({ stdout, stderr });
    });
    child.stdin!.end(`${expr}\n`);
  });
}

/**
 * What `packer console` prints (stdout and stderr) for each expression, in order: one process per expression,
 * because Packer 1.6.6's console answers only the last line of piped input; a few run at a time. The expressions
 * are evaluated against `template` (variables and locals it declares are visible).
 */
export async function evaluateWithPacker(exprs: readonly string[], { template = CONSOLE_TEMPLATE, parallel = 8 } = {}): Promise<string[]> {
  if (!PACKER) throw new Error('packer is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'packer-console-'));
  try {
    writeFileSync(join(dir, 't.pkr.hcl'), template);
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
