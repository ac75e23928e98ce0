// A real PostgreSQL server for tests: the machine's initdb and pg_ctl (PATH, /usr/local/bin, Debian's
// /usr/lib/postgresql/N/bin; scripts/test-all.sh installs Debian's `postgresql` when none is found) make a cluster in a
// temp folder with trust authentication, listening on a free loopback port and on a unix socket in that folder.
// initdb refuses to run as root, so under root the cluster belongs to a local system user made once on the machine.
// One server per test file: each test asks for a database of its own (`createDatabase`).

import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { freePort, waitFor } from './wait.js';

/** The local account that owns test clusters when the tests run as root. */
export const POSTGRES_USER = 'tsbuildpg';

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`: the server's maintenance database. */
  url: string;
  port: number;
  /** A new empty database; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server at once and removes its folder (safe to call twice). */
  stop(): Promise<void>;
}

/** The folder holding initdb and pg_ctl, or undefined when PostgreSQL's server binaries are not installed. */
export function findPostgresBin(): string | undefined {
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/bin', ...versions];
  return dirs.find((d) => d !== '' && existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
}

/** Makes the system user when missing (idempotent). */
function ensureUser(): void {
  try {
    execFileSync('id', [POSTGRES_USER], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', POSTGRES_USER], { stdio: 'ignore' });
  }
}

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('No PostgreSQL server binaries (initdb, pg_ctl) on PATH, in /usr/local/bin or /usr/lib/postgresql/*/bin: run "bash scripts/test-all.sh" as root, or "apt-get install postgresql"');
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  // Runs a server binary as the cluster's owner: root cannot own a cluster.
  const run = (tool: string, args: string[]) => {
    const file = join(bin, tool);
    const [cmd, argv] = root ? ['runuser', ['-u', POSTGRES_USER, '--', file, ...args]] : [file, args];
    execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  if (root) {
    ensureUser();
    const uid = Number(execFileSync('id', ['-u', POSTGRES_USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', POSTGRES_USER], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-s']);
    } catch {
      // Not started, or already gone.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that ends without afterAll (a crash, Ctrl-C) leaves no server behind.
  process.once('exit', stopNow);
  try {
    run('initdb', ['-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '-D', data]);
    // Durability settings off: a test cluster lives for one test file.
    const options = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run('pg_ctl', ['start', '-W', '-D', data, '-l', log, '-o', options]);
    await waitFor(() => canQuery(url), { what: `PostgreSQL to accept connections on 127.0.0.1:${port}`, timeoutMs: 60_000, intervalMs: 100 });
  } catch (e) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
    stopNow();
    const err = e as Error & { stderr?: Buffer };
    throw new Error(`PostgreSQL did not start: ${err.message}\n${err.stderr?.toString() ?? ''}${serverLog}`, { cause: e });
  }
  return {
    url,
    port,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    async stop() {
      process.off('exit', stopNow);
      stopNow();
    },
  };
}
