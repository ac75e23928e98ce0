// The guard against builds that never end: a process that runs out of work while a build is still pending exits
// with status 1 and says "internal error" with the build's name, instead of exiting 0 in silence.

import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { guardPendingBuilds, type ExitSource } from '../../src/engine/pending-guard.js';

function fakeProcess(): ExitSource & EventEmitter {
  return Object.assign(new EventEmitter(), { exitCode: undefined as number | string | undefined });
}

const ROOT = resolve(__dirname, '../..');
const PROGRAM = join(ROOT, 'test/engine/programs/never-settling-build.ts');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** Runs the never-settling build program (TypeScript, through tsx) on `template`; resolves when it exits. */
function runProgram(template: string): Promise<{ code: number | null; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-pending-'));
  writeFileSync(join(dir, 'main.pkr.hcl'), template);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', TSX, PROGRAM], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out }));
  });
}

describe('guard against builds that never end', () => {
  it('names the builds still running when the process runs out of work, and sets exit status 1, once', () => {
    const source = fakeProcess();
    const lines: string[] = [];
    const guard = guardPendingBuilds(source, { error: (l) => lines.push(l) });
    guard.started('null.a');
    guard.started('null.b');
    guard.ended('null.a');
    source.emit('beforeExit');
    source.emit('beforeExit');
    expect(source.exitCode).toBe(1);
    expect(lines).toEqual(["Build 'null.b' errored: internal error, please report: the build did not finish: it waited for something that can never happen, and tsbuild ran out of work"]);
  });

  it('reports a command stuck before any build started; says nothing once stopped', () => {
    const early = fakeProcess();
    const lines: string[] = [];
    guardPendingBuilds(early, { error: (l) => lines.push(`early: ${l}`) });
    early.emit('beforeExit');
    expect(early.exitCode).toBe(1);
    const stopped = fakeProcess();
    const guard = guardPendingBuilds(stopped, { error: (l) => lines.push(`stopped: ${l}`) });
    guard.started('null.a');
    guard.stop();
    stopped.emit('beforeExit');
    expect(stopped.exitCode).toBeUndefined();
    expect(lines).toEqual(['early: internal error, please report: the command did not finish: it waited for something that can never happen, and tsbuild ran out of work']);
  });

  it('a real process whose build waits on a promise nobody settles exits 1, naming that build; the other build finishes', async () => {
    const r = await runProgram(`
source "null" "ok" { communicator = "none" }
source "null" "hangs" { communicator = "none" }
build {
  sources = ["source.null.ok", "source.null.hangs"]
  provisioner "shell-local" { inline = ["echo fine"] }
  provisioner "breakpoint" { only = ["null.hangs"] }
}
`);
    expect(r.out).toContain('==> null.hangs: Waiting for what never comes...');
    expect(r.out).toMatch(/^Build 'null\.ok' finished after /m);
    expect(r.out).toContain("Build 'null.hangs' errored: internal error, please report: the build did not finish");
    expect(r.out).not.toContain("Build 'null.hangs' finished");
    expect(r.code).toBe(1);
  });
});
