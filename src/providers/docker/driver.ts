// Image operations on the Docker Engine API, shared by the docker builder and the docker post-processors.
// Container operations during a build live in the steps; running commands lives in the docker communicator.

import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type Dockerode from 'dockerode';
import { ExternalError } from '../../plugin/errors.js';
import type { Engine } from './engine.js';
import { engineMessage, statusOf } from './connect.js';
import { readProgress, type ProgressEvent } from './progress.js';

export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress: string;
}

/** `name[:tag]` or `name@digest` split as the docker command does (a `:` after the last `/` starts the tag). */
export function splitReference(ref: string): { repo: string; tag?: string; digest?: string } {
  const at = ref.indexOf('@');
  if (at >= 0) return { repo: ref.slice(0, at), digest: ref.slice(at + 1) };
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repo: ref };
}

/** The image's inspect data, or undefined when the daemon has no such image. */
export async function inspectImage(docker: Engine, ref: string): Promise<Dockerode.ImageInspectInfo | undefined> {
  try {
    return await docker.getImage(ref).inspect();
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

/** A line of progress worth showing: `Pulling fs layer`, `Digest: ...`, build output. */
function progressLine(e: ProgressEvent): string | undefined {
  if (e.stream !== undefined) return e.stream.replace(/\n$/, '') || undefined;
  if (e.status === undefined || e.progress !== undefined) return undefined;
  return e.id ? `${e.id}: ${e.status}` : e.status;
}

export async function pullImage(docker: Engine, ref: string, opts: { auth?: RegistryAuth; platform?: string; say: (line: string) => void; signal: AbortSignal }): Promise<void> {
  const { repo, tag, digest } = splitReference(ref);
  const query: Record<string, string> = { fromImage: repo, tag: digest ?? tag ?? 'latest' };
  if (opts.platform) query.platform = opts.platform;
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.createImage(opts.auth ?? {}, query);
  } catch (e) {
    throw new ExternalError('Docker Engine', `Error pulling Docker image: ${engineMessage(e)}`, { cause: e });
  }
  await readProgress(stream, (e) => {
    const line = progressLine(e);
    if (line) opts.say(line);
  }, opts.signal).catch((e: unknown) => {
    throw new ExternalError('Docker Engine', `Error pulling Docker image: ${(e as Error).message}`, { cause: e });
  });
}

/** Checks credentials against the registry, as `docker login` does; throws with the registry's answer. */
export async function checkLogin(docker: Engine, auth: RegistryAuth): Promise<void> {
  try {
    await docker.checkAuth(auth);
  } catch (e) {
    throw new ExternalError('Docker Engine', `Error logging in to ${auth.serveraddress}: ${engineMessage(e)}`, { cause: e });
  }
}

/** Builds an image from a tar build context; resolves with the image ID. */
export async function buildImage(docker: Engine, context: NodeJS.ReadableStream, opts: { dockerfile: string; buildargs: Record<string, string>; pull: boolean; say: (line: string) => void; signal: AbortSignal }): Promise<string> {
  const stream = await docker.buildImage(context, { dockerfile: opts.dockerfile, buildargs: opts.buildargs, pull: opts.pull, rm: true, forcerm: true });
  const events = await readProgress(stream, (e) => {
    const line = progressLine(e);
    if (line) opts.say(line);
  }, opts.signal).catch((e: unknown) => {
    throw new ExternalError('Docker Engine', `docker build failed: ${(e as Error).message}`, { cause: e });
  });
  const id = events.map((e) => e.aux?.ID).find((x) => x !== undefined);
  if (!id) throw new ExternalError('Docker Engine', 'docker build failed: the daemon reported no image ID');
  return id;
}

export async function commitContainer(container: Dockerode.Container, opts: { author?: string; message?: string; changes?: string[] }): Promise<string> {
  try {
    // Absent keys, not empty ones: an empty `changes` is a Dockerfile with no instructions to the daemon.
    const query: Record<string, unknown> = {};
    if (opts.author) query.author = opts.author;
    if (opts.message) query.comment = opts.message;
    if (opts.changes && opts.changes.length > 0) query.changes = opts.changes;
    const out = (await container.commit(query)) as { Id: string };
    return out.Id;
  } catch (e) {
    throw new ExternalError('Docker Engine', `Error committing container: ${engineMessage(e)}`, { cause: e });
  }
}

/** Writes a stream to `path`; the partial file is removed when it fails. */
async function streamToFile(stream: NodeJS.ReadableStream, path: string, signal: AbortSignal): Promise<void> {
  try {
    await pipeline(stream, createWriteStream(path), { signal });
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
}

export async function exportContainer(container: Dockerode.Container, path: string, signal: AbortSignal): Promise<void> {
  const stream = await container.export();
  await streamToFile(stream, path, signal).catch((e: unknown) => {
    throw new ExternalError('Docker Engine', `Error exporting: ${engineMessage(e)}`, { cause: e });
  });
}

export async function saveImage(docker: Engine, ref: string, path: string, signal: AbortSignal): Promise<void> {
  const stream = await docker.getImage(ref).get();
  await streamToFile(stream, path, signal).catch((e: unknown) => {
    throw new ExternalError('Docker Engine', `Error exporting: ${engineMessage(e)}`, { cause: e });
  });
}

/** Imports a root filesystem tarball (`docker import`); resolves with the new image ID. */
export async function importTarball(docker: Engine, path: string, opts: { repo: string; tag?: string; changes?: string[]; platform?: string; signal: AbortSignal }): Promise<string> {
  const query: Record<string, unknown> = { repo: opts.repo };
  if (opts.tag) query.tag = opts.tag;
  if (opts.changes && opts.changes.length > 0) query.changes = opts.changes;
  if (opts.platform) query.platform = opts.platform;
  try {
    const stream = await docker.importImage(createReadStream(path), query);
    const events = await readProgress(stream, () => {}, opts.signal);
    const id = events.map((e) => e.status).find((s) => s?.startsWith('sha256:'));
    if (!id) throw new ExternalError('Docker Engine', 'the daemon reported no image ID');
    return id;
  } catch (e) {
    throw new ExternalError('Docker Engine', `Error importing container: ${engineMessage(e)}`, { cause: e });
  }
}

export async function tagImage(docker: Engine, id: string, repo: string, tag: string | undefined): Promise<void> {
  try {
    await docker.getImage(id).tag({ repo, tag: tag || 'latest' });
  } catch (e) {
    throw new ExternalError('Docker Engine', `Error tagging image: ${engineMessage(e)}`, { cause: e });
  }
}

/** Pushes `repo:tag`; resolves with the pushed manifest's digest. */
export async function pushImage(docker: Engine, ref: string, opts: { auth?: RegistryAuth; say: (line: string) => void; signal: AbortSignal }): Promise<string | undefined> {
  const { repo, tag } = splitReference(ref);
  const stream = (await docker.getImage(repo).push({ tag: tag ?? 'latest', authconfig: opts.auth ?? {} } as Dockerode.ImagePushOptions)) as NodeJS.ReadableStream;
  const events = await readProgress(stream, (e) => {
    const line = progressLine(e);
    if (line) opts.say(line);
  }, opts.signal).catch((e: unknown) => {
    throw new ExternalError('Docker Engine', `Error pushing image: ${(e as Error).message}`, { cause: e });
  });
  return events.map((e) => e.aux?.Digest).find((d) => d !== undefined);
}

export async function removeImage(docker: Engine, ref: string): Promise<void> {
  try {
    await docker.getImage(ref).remove({ force: true });
  } catch (e) {
    if (statusOf(e) !== 404) throw new ExternalError('Docker Engine', `Error deleting image: ${engineMessage(e)}`, { cause: e });
  }
}
