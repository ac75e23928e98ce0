// Connecting to the Docker Engine: where it is (DOCKER_HOST), loading dockerode only when a template uses
// Docker, and turning "cannot connect" into a message that says how to fix it.

import type Dockerode from 'dockerode';
import { ExternalError } from '../../plugin/errors.js';
import type { Engine } from './engine.js';

export interface Endpoint {
  /** For messages: `unix:///var/run/docker.sock`, `tcp://127.0.0.1:2375`. */
  display: string;
  options: Dockerode.DockerOptions;
}

/** Reads DOCKER_HOST as the docker command does (`unix://`, `tcp://`, `http://`); the default is the local socket. */
export function dockerEndpoint(env: Readonly<Record<string, string | undefined>>): Endpoint {
  const host = env.DOCKER_HOST?.trim();
  if (!host) return { display: 'unix:///var/run/docker.sock', options: { socketPath: '/var/run/docker.sock' } };
  if (host.startsWith('unix://')) return { display: host, options: { socketPath: host.slice('unix://'.length) } };
  const m = /^(?:tcp|http|https):\/\/([^:/]+|\[[^\]]+\])(?::(\d+))?\/?$/.exec(host);
  if (!m) throw new Error(`DOCKER_HOST="${host}" is not an address tsbuild understands: use unix:///path/to/docker.sock or tcp://host:port`);
  const protocol = host.startsWith('https://') ? 'https' : 'http';
  return { display: host, options: { protocol, host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2] ?? (protocol === 'https' ? 2376 : 2375)) } };
}

/** Where the client says that the daemon is slow to answer, and what stops the first wait (a build's RunContext). */
export interface ConnectOptions {
  ui?: { say(line: string): void };
  signal?: AbortSignal;
}

/** The Engine API client; dockerode is loaded here, on first use. */
export async function openDocker(endpoint: Endpoint, opts: ConnectOptions = {}): Promise<Engine> {
  const { createEngine } = await import('./engine.js');
  const engine = createEngine(endpoint.options);
  const ui = opts.ui;
  if (ui) {
    const { reportSlowAnswers } = await import('./slow-answers.js');
    reportSlowAnswers(engine.modem, endpoint.display, (line) => ui.say(line));
  }
  return engine;
}

const UNREACHABLE = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE']);

/** A connection failure, reworded: what was tried, why it failed, and how to fix it. Other errors pass through. */
export function explainConnectionError(e: unknown, endpoint: Endpoint): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES') {
    return new ExternalError('Docker Engine', 
      `Permission denied connecting to the Docker daemon at ${endpoint.display}. Run tsbuild as a user in the "docker" group (sudo usermod -aG docker $USER, then log in again) or as root.`,
      { cause: e },
    );
  }
  if (code && UNREACHABLE.has(code)) {
    return new ExternalError('Docker Engine', 
      `Cannot connect to the Docker daemon at ${endpoint.display} (${code}): is it running? Start it with "sudo systemctl start docker" ` +
        `(or "sudo dockerd &"; scripts/setup-docker.sh does this on a test machine), or point DOCKER_HOST at a running daemon.`,
      { cause: e },
    );
  }
  return e;
}

/** Checks that a daemon answers, before anything is created; `signal` (a cancelled build) stops the wait. */
export async function pingDocker(docker: Engine, endpoint: Endpoint, signal?: AbortSignal): Promise<void> {
  try {
    await docker.ping(signal);
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    throw explainConnectionError(e, endpoint);
  }
}

/** The daemon's message from a dockerode error (`(HTTP code 404) no such image - ...` -> the JSON message). */
export function engineMessage(e: unknown): string {
  const json = (e as { json?: { message?: string } } | undefined)?.json;
  if (json && typeof json.message === 'string') return json.message;
  return e instanceof Error ? e.message : String(e);
}

export function statusOf(e: unknown): number | undefined {
  return (e as { statusCode?: number } | undefined)?.statusCode;
}

/** The Engine API client for `env` (DOCKER_HOST), once the daemon has answered. */
export async function connectDocker(env: Readonly<Record<string, string | undefined>>, opts: ConnectOptions = {}): Promise<{ docker: Engine; endpoint: Endpoint }> {
  const endpoint = dockerEndpoint(env);
  const docker = await openDocker(endpoint, opts);
  await pingDocker(docker, endpoint, opts.signal);
  return { docker, endpoint };
}
