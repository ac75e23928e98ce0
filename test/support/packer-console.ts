import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Real Packer (Debian's package, 1.6.6), the behaviour oracle; undefined when it is not installed. */
export const PACKER = ['/usr/bin/packer', '/usr/local/bin/packer'].find((p) => existsSync(p));

const TEMPLATE = 'source "null" "a" { communicator = "none" }\nbuild { sources = ["source.null.a"] }\n';

/**
 * Evaluates each expression with `packer console` (one process each: Packer 1.6.6 only answers the last line
 * of piped input), a few at a time. Returns stdout (or the error text) per expression.
 */
export async function packerConsole(exprs: string[], template = TEMPLATE): Promise<{ out: string; ok: boolean }[]> {
  if (!PACKER) throw new Error('packer is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-oracle-'));
  writeFileSync(join(dir, 't.pkr.hcl'), template);
  const results: { out: string; ok: boolean }[] = new Array(exprs.length);
  let next = 0;
  const worker = async () => {
    while (next < exprs.length) {
      const i = next++;
      results[i] = await new Promise((resolve) => {
        const child = execFile(PACKER!, ['console', 't.pkr.hcl'], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1' } }, (err, stdout) =>
          resolve({ out: stdout.replace(/\n+$/, ''), ok: !err }),
        );
        child.stdin!.end(exprs[i] + '\n');
      });
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return results;
}
