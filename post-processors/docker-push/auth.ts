import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RegistryAuth } from '../../src/providers/docker/driver.js';

const DOCKER_HUB = 'https://index.docker.io/v1/';

/** The registry a repository name points at: its first component when that looks like a host, else Docker Hub. */
export function registryOf(repo: string): string {
  const first = repo.split('/')[0]!;
  return repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : DOCKER_HUB;
}

/** Credentials `docker login` stored for `server` (in $DOCKER_CONFIG or ~/.docker, config.json `auths`), if any. */
export async function storedAuth(server: string, env: Readonly<Record<string, string | undefined>>): Promise<RegistryAuth | undefined> {
  const dir = env.DOCKER_CONFIG || join(env.HOME ?? '', '.docker');
  let config: { auths?: Record<string, { auth?: string }> };
  try {
    config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as typeof config;
  } catch {
    return undefined;
  }
  const entry = config.auths?.[server] ?? config.auths?.[`https://${server}`] ?? config.auths?.[`http://${server}`];
  if (!entry?.auth) return undefined;
  const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? undefined : { username: decoded.slice(0, i), password: decoded.slice(i + 1), serveraddress: server };
}
