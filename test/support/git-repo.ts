// A real git repository in a temporary folder for tests: files committed by a known author on a branch, with the
// environment given to git explicitly (no user configuration, no inherited repository variables).

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const GIT_AUTHOR = { name: 'Ada Lovelace', email: 'ada@example.com' };

export interface GitRepo {
  dir: string;
  /** Runs git in the repository; resolves with its stdout. */
  git(...args: string[]): Promise<string>;
  /** The full hash of HEAD. */
  head(): Promise<string>;
}

const gitEnv = (home: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: home,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: GIT_AUTHOR.name,
  GIT_AUTHOR_EMAIL: GIT_AUTHOR.email,
  GIT_COMMITTER_NAME: GIT_AUTHOR.name,
  GIT_COMMITTER_EMAIL: GIT_AUTHOR.email,
});

/** A repository whose first commit holds `files`, checked out on `branch`. */
export async function makeGitRepo(files: Record<string, string>, branch = 'main'): Promise<GitRepo> {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-git-'));
  const env = gitEnv(dir);
  const git = (...args: string[]) =>
    new Promise<string>((resolve, reject) => execFile('git', args, { cwd: dir, env }, (err, stdout, stderr) => (err ? reject(new Error(`git ${args.join(' ')}: ${stderr}`)) : resolve(stdout))));
  await git('init', '-q', '-b', branch);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  await git('add', '.');
  await git('commit', '-q', '-m', 'first');
  return { dir, git, head: async () => (await git('rev-parse', 'HEAD')).trim() };
}
