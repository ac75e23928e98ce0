import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';

const TEMPLATE = `
source "null" "one" { communicator = "none" }
source "null" "two" { communicator = "none" }
build {
  sources = ["source.null.one", "source.null.two"]
  provisioner "shell-local" {
    inline = ["touch started-\${source.name}", "sleep 37.25", "touch finished-\${source.name}"]
  }
  error-cleanup-provisioner "shell-local" {
    inline = ["sleep 0.5", "echo cleaned > cleanup-\${source.name}.txt"]
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
    child.stdout.on('data', (d) => {
      out += d;
      // A second Ctrl-C while builds clean up.
      if (!secondSent && out.includes('Running the cleanup provisioner')) {
        secondSent = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (d) => (out += d));
    const started = Date.now();
    while (!(existsSync(join(dir, 'started-one')) && existsSync(join(dir, 'started-two')))) {
      if (Date.now() - started > 20_000) throw new Error(`builds did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(Date.now() - started).toBeLessThan(20_000);
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
