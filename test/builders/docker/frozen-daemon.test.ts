// A Docker daemon that accepts connections and never answers (frozen): the build says so every few seconds
// instead of staying silent, and an interrupt still ends it. The daemon is faked at the edge, by a unix socket
// that reads requests and never replies: a real frozen daemon cannot be made on demand.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAndInterrupt } from '../../support/cli.js';

const sockets: Socket[] = [];
let server: Server | undefined;

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
});

describe('a frozen Docker daemon', () => {
  it('is reported every few seconds while it does not answer, and Ctrl-C still stops the build', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-frozen-'));
    const socketPath = join(dir, 'docker.sock');
    const requests: string[] = [];
    server = createServer((s) => {
      sockets.push(s);
      s.on('data', (d: Buffer) => requests.push(d.toString().split('\r\n')[0]!));
    });
    await new Promise<void>((done) => server!.listen(socketPath, done));
    writeFileSync(join(dir, 't.pkr.hcl'), 'source "docker" "app" {\n  image  = "busybox"\n  commit = true\n}\nbuild {\n  sources = ["source.docker.app"]\n}\n');
    const notice = `==> docker.app: The Docker daemon at unix://${socketPath} has not answered GET /_ping for 10 s: still waiting`;
    const r = await buildAndInterrupt(['-color=false', 't.pkr.hcl'], { cwd: dir, marker: notice, env: { DOCKER_HOST: `unix://${socketPath}` } });
    expect(requests[0]).toMatch(/^GET \/_ping HTTP\/1\.1$/);
    expect(r.sent).toBe(true);
    expect(r.out).toContain(`==> docker.app: The Docker daemon at unix://${socketPath} has not answered GET /_ping for 5 s: still waiting (a frozen daemon never answers; Ctrl-C stops the build).`);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Cleanly cancelled builds after being interrupted.');
    expect(r.stopMs).toBeLessThan(10_000);
  }, 60_000);
});
