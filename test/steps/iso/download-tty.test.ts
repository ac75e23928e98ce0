// ISO download progress through the real CLI: on a terminal (a pseudo-terminal made by util-linux's `script`) the
// status line "Downloading ISO: ... of ..." is drawn while the ISO comes in; on a pipe nothing is drawn, as Packer 1.6.6
// shows its progress bar on a terminal only. The server sends half the ISO, then waits until the progress line has
// been seen before it sends the rest.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, startCli } from '../../support/cli.js';
import { startHttpServer, type TestHttpServer } from '../../support/http-server.js';
import { needs, type Need } from '../../support/needs.js';
import { waitFor } from '../../support/wait.js';

const SCRIPT = '/usr/bin/script';
const utilLinuxScript: Need = { what: "util-linux's script (a pseudo-terminal for the CLI)", install: 'as root on Debian: apt-get install bsdutils', present: existsSync(SCRIPT) };

const iso = randomBytes(2 * 1024 * 1024);
let server: TestHttpServer;
let dir: string;
/** Sends the rest of the ISO being served. */
let release = () => {};
/** How many downloads the server has started to answer. */
let answered = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsbuild-iso-tty-'));
  server = await startHttpServer((_req, res) => {
    res.writeHead(200, { 'content-length': iso.length });
    res.write(iso.subarray(0, iso.length / 2));
    release = () => res.end(iso.subarray(iso.length / 2));
    answered++;
  });
  // A wrong checksum: the build stops once the ISO is downloaded and checked.
  const builder = { type: 'qemu', communicator: 'none', iso_url: `${server.base}/installer.iso`, iso_checksum: `sha256:${'0'.repeat(64)}` };
  writeFileSync(join(dir, 't.json'), JSON.stringify({ builders: [builder] }));
});

afterAll(async () => {
  release();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ PACKER_CACHE_DIR: join(dir, 'cache'), TSBUILD_STATE_DIR: join(dir, 'state') });
const PROGRESS = /Downloading ISO: [\d.]+ [KM]iB of 2\.0 MiB \(\d+%\)/;

describe('ISO download progress', () => {
  needs(utilLinuxScript).it('is drawn in place on a terminal while the ISO comes in', async () => {
    const cli = startCli(['-qfec', `${process.execPath} ${CLI} build -color=false t.json`, '/dev/null'], { cwd: dir, program: SCRIPT, env: env() });
    try {
      await waitFor(() => PROGRESS.test(cli.output()), { what: 'a progress line while half the ISO is in', timeoutMs: 30_000 });
    } finally {
      release();
    }
    const { code, stdout } = await cli.exited;
    expect(code).toBe(1);
    const drawn = stdout.match(new RegExp(PROGRESS.source, 'g')) ?? [];
    expect(drawn[0]).toMatch(/\(50%\)|\(\d%\)|\([1-4]\d%\)/);
    expect(drawn.at(-1)).toMatch(/2\.0 MiB of 2\.0 MiB \(100%\)/);
    // Redrawn in place: the line is erased (carriage return, erase to the end) before each drawing.
    expect(stdout).toMatch(/\r\x1b\[K {4}qemu: Downloading ISO/);
    expect(stdout).toMatch(/Checksums did not match/);
  }, 60_000);

  it('is not drawn on a pipe', async () => {
    const before = answered;
    const cli = startCli(['build', '-color=false', 't.json'], { cwd: dir, env: env() });
    try {
      await waitFor(() => answered > before, { what: 'the download to start' });
    } finally {
      release();
    }
    const { code, stdout } = await cli.exited;
    expect(code).toBe(1);
    expect(stdout).toMatch(/Checksums did not match/);
    expect(stdout).not.toMatch(/Downloading ISO/);
  }, 60_000);
});
