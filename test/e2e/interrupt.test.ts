import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';
import { waitFor } from '../support/wait.js';

const TEMPLATE = `
source "null" "one" { communicator = "none" }
source "null" "two" { communicator = "none" }
build {
  sources = ["source.null.one", "source.null.two"]
  provisioner "shell-local" {
    inline = ["touch started-\${source.name}", "sleep 37.25", "touch finished-\${source.name}"]
  }
  error-cleanup-provisioner "shell-local" {
    # Cleanup lasts until the test has sent its second Ctrl-C and seen the warning (release-NAME), at most 60 s.
    inline = ["i=0; while [ ! -e release-\${source.name} ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done", "echo cleaned > cleanup-\${source.name}.txt"]
  }
}
`;

function processesRunning(pattern: string): boolean {
  try {
    execFileSync('pgrep', ['-f', pattern]);
    return true;
  } catch {
    return false;
  }
}

describe('interrupting a build', () => {
  it('cancels every build mid-provisioning, runs every cleanup, warns on a second Ctrl-C, exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-interrupt-'));
    writeFileSync(join(dir, 'main.pkr.hcl'), TEMPLATE);
    const child = spawn(process.execPath, [CLI, 'build', '-color=false', 'main.pkr.hcl'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let secondSent = false;
    let released = false;
    const onData = (d: Buffer) => {
      out += d;
      // A second Ctrl-C while builds clean up.
      if (!secondSent && out.includes('Running the cleanup provisioner')) {
        secondSent = true;
        child.kill('SIGINT');
      }
      // The warning seen, the cleanups may finish.
      if (!released && out.includes('Cleanup is in progress')) {
        released = true;
        for (const name of ['one', 'two']) writeFileSync(join(dir, `release-${name}`), '');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const closed = new Promise<number | null>((r) => child.on('close', r));
    await waitFor(() => existsSync(join(dir, 'started-one')) && existsSync(join(dir, 'started-two')), { what: 'both builds to start', timeoutMs: 60_000 }).catch((e: Error) => {
      child.kill('SIGKILL');
      throw new Error(`${e.message}; tsbuild printed:\n${out}`);
    });
    const interrupted = Date.now();
    child.kill('SIGINT');
    const code = await closed;
    expect(Date.now() - interrupted).toBeLessThan(20_000);
    expect(code).toBe(1);
    expect(out).toContain('Cancelling build after receiving interrupt');
    expect(out).toContain('==> null.one: Provisioning step had errors: Running the cleanup provisioner, if present...');
    expect(out).toContain('==> null.two: Provisioning step had errors: Running the cleanup provisioner, if present...');
    expect(out).toContain('Cleanup is in progress: stopping it now could leave resources behind.');
    expect(out).toMatch(/\n==> Wait completed after [^\n]+\nCleanly cancelled builds after being interrupted\.\n$/);
    // Every cleanup ran: the error-cleanup provisioners of both builds, the killed scripts and their temp files.
    expect(existsSync(join(dir, 'cleanup-one.txt'))).toBe(true);
    expect(existsSync(join(dir, 'cleanup-two.txt'))).toBe(true);
    expect(existsSync(join(dir, 'finished-one'))).toBe(false);
    expect(processesRunning('sleep 37.25')).toBe(false);
    for (const m of out.matchAll(/Running local shell script: (\S+)/g)) expect(existsSync(m[1]!)).toBe(false);
  });
});
