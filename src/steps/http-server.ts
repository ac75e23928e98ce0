// Packer's HTTPConfig and StepHTTPServer: `http_directory` or `http_content` served to the machine being built
// (kickstart, preseed and answer files) on a port from `http_port_min`..`http_port_max`, at `http_bind_address`;
// builders give the port to boot commands as {{.HTTPPort}}.

import { createServer, type Server } from 'node:http';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Step } from '../engine/steps.js';
import { opt, type ConfigOf, type ConfigProblem } from '../plugin/config.js';
import { handleContent, handleDirectory } from './http-handlers.js';

export const httpOptions = {
  http_directory: opt.string('A folder served over HTTP to the machine (boot commands read it at {{.HTTPIP}}:{{.HTTPPort}}).'),
  http_content: opt.stringMap('Files served over HTTP to the machine: path (starting with /) = content.'),
  http_port_min: opt.number('The lowest port the HTTP server may take.').defaultIfEmpty(8000),
  http_port_max: opt.number('The highest port the HTTP server may take.').defaultIfEmpty(9000),
  http_bind_address: opt.string('The address the HTTP server listens on.').defaultIfEmpty('0.0.0.0'),
};

export type HttpConfig = ConfigOf<typeof httpOptions>;

/** Packer's HTTPConfig.Prepare errors. */
export function httpProblems(c: HttpConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (c.http_port_min > c.http_port_max) out.push({ message: 'http_port_min must be less than http_port_max', attribute: 'http_port_min' });
  if (Object.keys(c.http_content ?? {}).length > 0 && c.http_directory) {
    out.push({
      message: 'http_content cannot be used in conjunction with http_dir. Consider using the file function to load file in memory and serve them with http_content',
      attribute: 'http_content',
    });
  }
  return out;
}

export interface HttpState {
  /** The HTTP server's port; 0 when there is nothing to serve (Packer's `http_port`). */
  httpPort?: number;
  httpServer?: Server;
}

/** Listens on a free port of min..max, starting at a random one (parallel builds spread out), trying each once. */
async function listenInRange(server: Server, host: string, min: number, max: number): Promise<number> {
  const count = max - min + 1;
  const first = Math.floor(Math.random() * count);
  let last: unknown;
  for (let i = 0; i < count; i++) {
    const port = min + ((first + i) % count);
    try {
      await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(port, host, () => {
          server.off('error', fail);
          ok();
        });
      });
      return port;
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`Error finding port: no port free on ${host} from ${min} to ${max}${last instanceof Error ? ` (${last.message})` : ''}`);
}

/** Packer's StepHTTPServer: serves the configuration `configOf` gives; stops the server at cleanup. */
export function stepHttpServer<S extends HttpState>(configOf: (state: S) => HttpConfig): Step<S> {
  return {
    name: 'StepHTTPServer',
    run: async (state, ctx) => {
      const c = configOf(state);
      const content = c.http_content ?? {};
      if (!c.http_directory && Object.keys(content).length === 0) {
        state.httpPort = 0;
        return;
      }
      let handler = handleContent(content);
      if (c.http_directory) {
        const dir = resolve(ctx.cwd, c.http_directory);
        await stat(dir).catch((e: NodeJS.ErrnoException) => {
          throw new Error(`Error finding ${JSON.stringify(c.http_directory)}: stat ${c.http_directory}: ${e.code === 'ENOENT' ? 'no such file or directory' : e.message}`);
        });
        handler = handleDirectory(dir);
      }
      const server = createServer((req, res) => void handler(req, res));
      state.httpServer = server;
      state.httpPort = await listenInRange(server, c.http_bind_address, c.http_port_min, c.http_port_max);
      ctx.ui.say(`Starting HTTP server on port ${state.httpPort}`);
    },
    cleanup: async (state) => {
      const server = state.httpServer;
      state.httpServer = undefined;
      if (!server?.listening) return;
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
