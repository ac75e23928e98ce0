// What a publishing build records as metadata, read from the world: git (a real repository), the CI variables
// (given explicitly, never the test process's own) and the operating system.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCicd } from '../../src/publish/metadata/cicd.js';
import { readOs } from '../../src/publish/metadata/os.js';
import { readVcs } from '../../src/publish/metadata/vcs.js';
import { GIT_AUTHOR, makeGitRepo } from '../support/git-repo.js';

const ENV = { PATH: process.env.PATH };
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('vcs metadata', () => {
  it('records the branch, the commit, its author and whether the tree has uncommitted changes', async () => {
    const repo = await makeGitRepo({ 'templates/main.pkr.hcl': 'build {}\n' });
    made.push(repo.dir);
    await repo.git('checkout', '-q', '-b', 'feature/images');
    const commit = await repo.head();
    // Read from the template's folder, below the repository's top.
    const folder = join(repo.dir, 'templates');
    expect(await readVcs(folder, ENV)).toEqual({
      type: 'git',
      details: { ref: 'feature/images', commit, author: `${GIT_AUTHOR.name} <${GIT_AUTHOR.email}>`, has_uncommitted_changes: false },
    });
    writeFileSync(join(folder, 'main.pkr.hcl'), 'build { name = "changed" }\n');
    expect((await readVcs(folder, ENV))?.details.has_uncommitted_changes).toBe(true);
    await repo.git('checkout', '-q', '.');
    writeFileSync(join(repo.dir, 'untracked.txt'), 'new');
    expect((await readVcs(folder, ENV))?.details.has_uncommitted_changes).toBe(true);
  });

  it('a detached HEAD reads ref HEAD, as Packer records it', async () => {
    const repo = await makeGitRepo({ 'a.txt': 'a' });
    made.push(repo.dir);
    await repo.git('checkout', '-q', '--detach');
    expect((await readVcs(repo.dir, ENV))?.details).toMatchObject({ ref: 'HEAD', commit: await repo.head() });
  });

  it('no repository, or no git program: no section, and no error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-nogit-'));
    made.push(dir);
    expect(await readVcs(dir, ENV)).toBeUndefined();
    const repo = await makeGitRepo({ 'a.txt': 'a' });
    made.push(repo.dir);
    expect(await readVcs(repo.dir, { PATH: dir })).toBeUndefined();
  });
});

describe('cicd metadata', () => {
  it('GitHub Actions: the variables Packer copies, and the run address as GITHUB_WORKFLOW_URL', () => {
    // Copied as they are: the variables Packer copies (and GITHUB_REF_NAME); not the token, nor the parts of the run address.
    const copied = {
      GITHUB_REPOSITORY: 'acme/images',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_ACTOR: 'ada',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_JOB: 'build',
    };
    const env = { ...copied, GITHUB_ACTIONS: 'true', GITHUB_SERVER_URL: 'https://github.example.com', GITHUB_RUN_ID: '4242', GITHUB_TOKEN: 'not-recorded' };
    expect(readCicd(env)).toEqual({ type: 'github', details: { ...copied, GITHUB_WORKFLOW_URL: 'https://github.example.com/acme/images/actions/runs/4242' } });
  });

  it('GitLab CI: the job address, commit and ref', () => {
    const env = { GITLAB_CI: 'true', CI_JOB_URL: 'https://gitlab.example.com/acme/images/-/jobs/7', CI_COMMIT_SHA: 'b'.repeat(40), CI_COMMIT_REF_NAME: 'release', CI_JOB_TOKEN: 'secret' };
    expect(readCicd(env)).toEqual({ type: 'gitlab', details: { CI_JOB_URL: env.CI_JOB_URL, CI_COMMIT_SHA: env.CI_COMMIT_SHA, CI_COMMIT_REF_NAME: 'release' } });
  });

  it('Bitbucket Pipelines; nothing outside CI; an empty variable counts as unset', () => {
    expect(readCicd({ BITBUCKET_BUILD_NUMBER: '12', BITBUCKET_COMMIT: 'c1', BITBUCKET_BRANCH: 'dev' })).toEqual({ type: 'bitbucket', details: { BITBUCKET_BUILD_NUMBER: '12', BITBUCKET_COMMIT: 'c1', BITBUCKET_BRANCH: 'dev' } });
    expect(readCicd({ CI: 'true', PATH: '/bin' })).toBeUndefined();
    expect(readCicd({ GITHUB_ACTIONS: '', GITLAB_CI: 'true' })?.type).toBe('gitlab');
  });
});

describe('os metadata', () => {
  it("names the system and architecture as Go does, with the kernel's release", () => {
    expect(readOs('linux', 'x64', '6.1.0-18-amd64')).toEqual({ type: 'linux', details: { arch: 'amd64', version: '6.1.0-18-amd64' } });
    expect(readOs('win32', 'arm64', '10.0.22631')).toEqual({ type: 'windows', details: { arch: 'arm64', version: '10.0.22631' } });
  });
});
