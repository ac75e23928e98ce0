// The `vcs` section of a build's registry metadata, in current Packer's shape: `{ type: "git", details: { ref,
// commit, author, has_uncommitted_changes } }`, read with the `git` program from the repository that holds the
// template's folder (Packer reads the working directory's). No repository, or no `git` program: no section.

import { execFile } from 'node:child_process';

type Env = Readonly<Record<string, string | undefined>>;

export interface VcsMetadata {
  type: 'git';
  details: { ref?: string; commit?: string; author?: string; has_uncommitted_changes: boolean };
}

/** stdout of `git -C folder ...args`, or undefined when git fails or is missing. */
function git(folder: string, env: Env, args: string[]): Promise<string | undefined> {
  // No optional locks: reading the status must not write the index while another process works in the repository.
  const gitEnv = { ...env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } as NodeJS.ProcessEnv;
  return new Promise((resolve) => {
    execFile('git', ['-C', folder, ...args], { env: gitEnv, maxBuffer: 8 << 20, timeout: 30_000 }, (err, stdout) => resolve(err ? undefined : stdout));
  });
}

export async function readVcs(folder: string, env: Env): Promise<VcsMetadata | undefined> {
  if ((await git(folder, env, ['rev-parse', '--is-inside-work-tree']))?.trim() !== 'true') return undefined;
  const [ref, head, status] = await Promise.all([
    git(folder, env, ['rev-parse', '--abbrev-ref', 'HEAD']),
    // Fails in a repository without a commit: the section then has the status alone, as Packer's has.
    git(folder, env, ['log', '-1', '--format=%H%n%an <%ae>']),
    git(folder, env, ['status', '--porcelain']),
  ]);
  const [commit, author] = head ? head.split('\n') : [];
  const details: VcsMetadata['details'] = { has_uncommitted_changes: (status ?? '').trim() !== '' };
  if (head && ref) details.ref = ref.trim();
  if (commit) details.commit = commit;
  if (author) details.author = author;
  return { type: 'git', details };
}
