// The manifest shared by concurrent runs, end to end: real tsbuild processes (null builds with the manifest
// post-processor) writing one manifest, a lock left by a killed process, a lock held too long.

import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../post-processors/manifest/format.js';
import { withFileLock } from '../../src/util/file-lock/with-file-lock.js';
import { runCli } from '../support/cli.js';
import { waitFor } from '../support/wait.js';
import { startLockHolder } from '../util/file-lock/holder-process.js';

/** A folder with a null build whose manifest post-processor writes `output`, its entry named by `-var run=...`. */
function project(output = 'm.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-manifest-lock-'));
  writeFileSync(
    join(dir, 't.pkr.hcl'),
    `variable "run" { type = string }
source "null" "x" { communicator = "none" }
build {
  sources = ["source.null.x"]
  post-processor "manifest" {
    output      = "${output}"
    custom_data = { run = var.run }
  }
}
`,
  );
  return dir;
}

const build = (dir: string, run: string, env: Record<string, string> = {}) => runCli(['build', '-var', `run=${run}`, 't.pkr.hcl'], { cwd: dir, env });

function runsIn(path: string): string[] {
  return parseManifest(readFileSync(path, 'utf8')).builds.map((b) => b.custom_data!.run!);
}

/** The names of temporary files: the manifest's (`m.json.<pid>.<time>.tmp`) and the lock's record (`m.json.lock.<token>`). */
const TEMPORARY = /\.tmp\b|\.lock\.[0-9a-f]{16}/;

describe('manifest lock between processes', () => {
  it('loses no entry when six processes write one manifest at once, 20 rounds', { timeout: 300_000 }, async () => {
    const dir = project();
    const started = Date.now();
    const expected: string[] = [];
    for (let round = 0; round < 20; round++) {
      const runs = Array.from({ length: 6 }, (_, p) => `r${round}p${p}`);
      const results = await Promise.all(runs.map((run) => build(dir, run)));
      for (const r of results) expect(r.code, r.stdout + r.stderr).toBe(0);
      expected.push(...runs);
      expect(runsIn(join(dir, 'm.json')).sort(), `after round ${round}`).toEqual([...expected].sort());
    }
    expect(readdirSync(dir).sort()).toEqual(['m.json', 't.pkr.hcl']);
    // 120 processes, about 45 CPU seconds: some 25 s on two idle cores; 90 to 130 s measured at a load average of 12.
    console.log(`6 writers x 20 rounds: ${Date.now() - started} ms`);
  });

  it('takes over the lock left by a process killed with SIGKILL, and says so', async () => {
    const dir = project();
    const holder = await startLockHolder(join(dir, 'm.json'));
    await holder.kill();
    const r = await build(dir, 'after-kill');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`Took over the stale lock ${join(dir, 'm.json.lock')} of the manifest: it was held by process ${holder.pid} on host ${hostname()}`);
    expect(r.stdout).toContain(`process ${holder.pid} is no longer running`);
    expect(runsIn(join(dir, 'm.json'))).toEqual(['after-kill']);
    expect(readdirSync(dir).sort()).toEqual(['m.json', 't.pkr.hcl']);
  });

  it('fails, naming the manifest, its lock and the holder, when a live process holds the lock past the bound', async () => {
    const dir = project();
    const manifest = join(dir, 'm.json');
    let release!: () => void;
    const holding = withFileLock(manifest, { what: 'manifest', timeoutMs: 30_000, staleMs: 30_000, signal: new AbortController().signal }, () => new Promise<void>((r) => (release = r)));
    await waitFor(() => existsSync(`${manifest}.lock`), { what: 'the lock' });
    const r = await build(dir, 'blocked', { TSBUILD_MANIFEST_LOCK_TIMEOUT: '1s' });
    release();
    await holding;
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain(`Unable to lock the manifest ${manifest}: its lock file ${manifest}.lock is held by process ${process.pid} on host ${hostname()}`);
    expect(out).toContain(`waited 1s (TSBUILD_MANIFEST_LOCK_TIMEOUT sets how long). If no other build is writing the manifest, delete ${manifest}.lock.`);
    expect(out).not.toMatch(TEMPORARY);
    expect(existsSync(manifest)).toBe(false);
    expect(readdirSync(dir)).toEqual(['t.pkr.hcl']);
  });

  it('names the manifest and its lock, not the temporary file, when the lock cannot be created', async () => {
    // 240 characters: `<name>.lock` fits in a file name (255), the lock's record file beside it does not.
    const name = `${'n'.repeat(235)}.json`;
    const dir = project(name);
    const r = await build(dir, 'long');
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain(`Unable to lock the manifest ${join(dir, name)}: cannot create its lock file ${join(dir, name)}.lock: name too long`);
    expect(out).not.toMatch(TEMPORARY);
    expect(readdirSync(dir)).toEqual(['t.pkr.hcl']);
  });

  it('rejects a TSBUILD_MANIFEST_LOCK_TIMEOUT that is not a duration', async () => {
    const r = await build(project(), 'x', { TSBUILD_MANIFEST_LOCK_TIMEOUT: 'soon' });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('TSBUILD_MANIFEST_LOCK_TIMEOUT=soon is not a duration (such as 90s or 5m)');
  });
});
