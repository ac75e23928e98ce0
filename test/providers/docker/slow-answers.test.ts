// The notices of a daemon that stops answering part way: it answers the ping, then never answers a container
// creation. Faked at the edge by a unix socket server (a real daemon cannot be frozen on demand).

import { mkdtempSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/providers/docker/engine.js';
import { reportSlowAnswers } from '../../../src/providers/docker/slow-answers.js';
import { waitFor } from '../../support/wait.js';

describe('reportSlowAnswers', () => {
  it('says which request the daemon has not answered, again and again, and stops once it is settled', async () => {
    const socketPath = join(mkdtempSync(join(tmpdir(), 'tsbuild-slow-')), 'docker.sock');
    const sockets: Socket[] = [];
    const server = createServer((s) => {
      sockets.push(s);
      s.on('data', (d: Buffer) => {
        if (d.toString().includes('/_ping')) s.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK');
      });
    });
    await new Promise<void>((done) => server.listen(socketPath, done));
    try {
      const said: string[] = [];
      const engine = createEngine({ socketPath });
      reportSlowAnswers(engine.modem, `unix://${socketPath}`, (line) => said.push(line), 100);
      await engine.ping();
      const created = engine.createContainer({ Image: 'busybox' }).catch((e: Error) => e);
      await waitFor(() => said.length >= 2, { what: 'two notices of the unanswered request' });
      expect(said[0]).toMatch(new RegExp(`^The Docker daemon at unix://${socketPath} has not answered POST /containers/create for \\d+ s: still waiting`));
      expect(said.every((l) => l.includes('POST /containers/create'))).toBe(true);
      for (const s of sockets) s.destroy();
      expect(await created).toBeInstanceOf(Error);
      const count = said.length;
      // Two notices of another unanswered request: time enough for more of the first, which must not come.
      const inspected = engine.getContainer('c1').inspect().catch((e: Error) => e);
      await waitFor(() => said.filter((l) => l.includes('GET /containers/c1/json')).length >= 2, { what: 'two notices of the second request' });
      expect(said.filter((l) => l.includes('POST /containers/create'))).toHaveLength(count);
      for (const s of sockets) s.destroy();
      expect(await inspected).toBeInstanceOf(Error);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
