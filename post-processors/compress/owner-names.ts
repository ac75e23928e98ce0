import { readFile } from 'node:fs/promises';

/** User and group names by id, from /etc/passwd and /etc/group (empty when unknown), as Go's tar headers carry them. */
export interface OwnerNames {
  user(uid: number): string;
  group(gid: number): string;
}

async function namesById(path: string): Promise<Map<number, string>> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const out = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':');
    if (name && id && !out.has(Number(id))) out.set(Number(id), name);
  }
  return out;
}

export async function readOwnerNames(): Promise<OwnerNames> {
  const [users, groups] = await Promise.all([namesById('/etc/passwd'), namesById('/etc/group')]);
  return { user: (uid) => users.get(uid) ?? '', group: (gid) => groups.get(gid) ?? '' };
}
