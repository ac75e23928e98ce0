// A real Docker Engine for tests: scripts/setup-docker.sh installs and starts it and builds the offline base
// image. Tests fail (never skip) when it is not there, with the command that fixes it.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import type Dockerode from 'dockerode';
import { CONTAINER_PREFIX } from '../../builders/docker/steps/run-container.js';
import { dockerEndpoint } from '../../src/providers/docker/connect.js';
import { freePort, waitFor } from './wait.js';

/** The offline base image scripts/setup-docker.sh imports from busybox-static. */
export const TEST_IMAGE = process.env.TSBUILD_TEST_IMAGE ?? 'tsbuild-test/busybox:latest';

/** The Engine API client, once the daemon answers and the base image is there. */
export async function testDocker(): Promise<Dockerode> {
  const { default: Docker } = await import('dockerode');
  const docker = new Docker(dockerEndpoint(process.env).options);
  try {
    await docker.ping();
    await docker.getImage(TEST_IMAGE).inspect();
  } catch (e) {
    throw new Error(`No Docker daemon with ${TEST_IMAGE}: run "sudo bash scripts/setup-docker.sh" first (${(e as Error).message})`);
  }
  return docker;
}

/** Containers tsbuild made that still exist (running or not), by their name prefix. */
export async function leftoverContainers(docker: Dockerode, buildName = ''): Promise<string[]> {
  const all = await docker.listContainers({ all: true, filters: { name: [`${CONTAINER_PREFIX}${buildName}`] } });
  return all.flatMap((c) => c.Names).filter((n) => n.startsWith(`/${CONTAINER_PREFIX}${buildName}`));
}

/** Runs `cmd` in a throwaway container of `image`; resolves with its output. */
export async function runInImage(docker: Dockerode, image: string, cmd: string[]): Promise<string> {
  const container = await docker.createContainer({ Image: image, Entrypoint: cmd.slice(0, 1), Cmd: cmd.slice(1), Tty: true });
  try {
    await container.start();
    await container.wait();
    const logs = await container.logs({ stdout: true, stderr: true });
    return logs.toString().replace(/\r\n/g, '\n');
  } finally {
    await container.remove({ force: true });
  }
}

export async function removeImages(docker: Dockerode, refs: string[]): Promise<void> {
  for (const ref of refs) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
}

export interface TestRegistry {
  /** `127.0.0.1:PORT` */
  address: string;
  stop(): Promise<void>;
}

/** Starts Debian's docker-registry on a loopback port (with htpasswd users when given); the daemon trusts loopback registries over HTTP. */
export async function startRegistry(users: Record<string, string> = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-registry-'));
  const port = await freePort();
  const auth = Object.keys(users).length > 0;
  if (auth) writeFileSync(join(dir, 'htpasswd'), Object.entries(users).map(([u, p]) => `${u}:${bcrypt.hashSync(p, 5)}\n`).join(''));
  const config = [
    'version: 0.1',
    'log: { level: error }',
    `storage: { filesystem: { rootdirectory: ${join(dir, 'data')} } }`,
    `http: { addr: "127.0.0.1:${port}" }`,
    ...(auth ? [`auth: { htpasswd: { realm: test, path: ${join(dir, 'htpasswd')} } }`] : []),
  ].join('\n');
  writeFileSync(join(dir, 'config.yml'), config);
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const address = `127.0.0.1:${port}`;
  const answers = () =>
    fetch(`http://${address}/v2/`).then(
      () => true,
      () => false,
    );
  await waitFor(async () => child.exitCode !== null || (await answers()), { what: `docker-registry to answer on ${address}` });
  if (child.exitCode !== null) throw new Error(`docker-registry exited (status ${child.exitCode}) instead of serving on ${address} (install it: scripts/setup-docker.sh)`);
  return {
    address,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A running container of the base image (removed by `remove`), for communicator and provisioner tests. */
export async function startTestContainer(docker: Dockerode, opts: { user?: string } = {}): Promise<{ container: Dockerode.Container; remove(): Promise<void> }> {
  const container = await docker.createContainer({
    name: `${CONTAINER_PREFIX}test-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
    Image: TEST_IMAGE,
    Entrypoint: ['/bin/sh'],
    Tty: true,
    OpenStdin: true,
    User: opts.user,
  });
  await container.start();
  return { container, remove: () => container.remove({ force: true }).then(() => undefined) };
}

/** Whether a container whose name starts with tsbuild's prefix and `buildName` runs a process whose command line contains `text`. */
export async function runsInContainer(docker: Dockerode, buildName: string, text: string): Promise<boolean> {
  for (const name of await leftoverContainers(docker, buildName)) {
    const top = await docker
      .getContainer(name.slice(1))
      .top()
      .catch(() => undefined);
    const cmd = top?.Titles.indexOf('CMD') ?? -1;
    if (top && cmd >= 0 && top.Processes.some((p: string[]) => p[cmd]?.includes(text))) return true;
  }
  return false;
}

/** Runs `command` through a communicator; resolves with its stdout lines. */
export async function remoteLines(comm: { run: import('../../src/plugin/communicator.js').Communicator['run'] }, command: string): Promise<string[]> {
  const out: string[] = [];
  await comm.run(command, { stdout: (l) => out.push(l), signal: new AbortController().signal });
  return out;
}
