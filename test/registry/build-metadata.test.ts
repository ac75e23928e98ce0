// The metadata `tsbuild build` records on each build it publishes, checked through the registry's API and shown by
// `tsbuild registry builds`: git details of the template's repository, CI details from the CI variables (set per
// test: every CI variable the test process may have is blanked), the Packer-shaped `packer` section.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bucket, Build } from '../../registry/api/types.js';
import { CI_VARIABLES } from '../../src/publish/metadata/cicd.js';
import { runCli } from '../support/cli.js';
import { GIT_AUTHOR, makeGitRepo, type GitRepo } from '../support/git-repo.js';
import { startRegistry, type TestRegistry } from '../support/registry-server.js';

let reg: TestRegistry;
const repos: GitRepo[] = [];
beforeAll(async () => {
  reg = await startRegistry('tsbuild-metadata-');
});
afterAll(() => {
  reg?.stop();
  for (const r of repos) rmSync(r.dir, { recursive: true, force: true });
});

const NO_CI = Object.fromEntries(CI_VARIABLES.map((k) => [k, '']));

const template = (bucket: string) => `
source "null" "base" { communicator = "none" }
hcp_packer_registry { bucket_name = "${bucket}" }
build {
  sources = ["source.null.base"]
  provisioner "shell-local" { inline = ["true"] }
}
`;

/** Builds `images/main.pkr.hcl` of a new repository on branch `release`, with `env` over a CI-free environment. */
async function buildInRepo(bucket: string, env: Record<string, string>, dirty: boolean): Promise<{ repo: GitRepo; build: Build }> {
  const repo = await makeGitRepo({ 'images/main.pkr.hcl': template(bucket) }, 'release');
  repos.push(repo);
  if (dirty) writeFileSync(join(repo.dir, 'images', 'notes.txt'), 'not committed');
  const r = await runCli(['build', '-color=false', '-force', 'images/main.pkr.hcl'], { cwd: repo.dir, env: { ...NO_CI, TSBUILD_REGISTRY_URL: reg.url, TSBUILD_REGISTRY_TOKEN: reg.token, ...env } });
  expect(r.code, r.stdout).toBe(0);
  const { body } = await reg.api<{ bucket: Bucket }>(`/buckets/${bucket}`);
  return { repo, build: body.bucket.latest_version!.builds[0]! };
}

describe('build metadata recorded in the registry', () => {
  it('GitHub Actions in a repository with uncommitted changes: vcs, cicd with the run address, packer', async () => {
    const github = {
      GITHUB_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/images',
      GITHUB_RUN_ID: '987654',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_REF: 'refs/heads/release',
      GITHUB_REF_NAME: 'release',
      GITHUB_EVENT_NAME: 'push',
    };
    const { repo, build } = await buildInRepo('github-build', github, true);
    const commit = await repo.head();
    expect(build.metadata).toEqual({
      tsbuild_version: expect.any(String),
      packer: {
        version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
        plugins: [
          { name: 'null', version: build.metadata.tsbuild_version },
          { name: 'shell-local', version: build.metadata.tsbuild_version },
        ],
        os: { type: 'linux', details: { arch: expect.any(String), version: expect.any(String) } },
        options: { debug: false, force: true, only: [], except: [] },
      },
      vcs: { type: 'git', details: { ref: 'release', commit, author: `${GIT_AUTHOR.name} <${GIT_AUTHOR.email}>`, has_uncommitted_changes: true } },
      cicd: {
        type: 'github',
        details: {
          GITHUB_REPOSITORY: 'acme/images',
          GITHUB_SHA: github.GITHUB_SHA,
          GITHUB_REF: 'refs/heads/release',
          GITHUB_REF_NAME: 'release',
          GITHUB_EVENT_NAME: 'push',
          GITHUB_WORKFLOW_URL: 'https://github.com/acme/images/actions/runs/987654',
        },
      },
    });

    const registry = (args: string[]) => runCli(['registry', ...args], { cwd: reg.dir, env: { TSBUILD_REGISTRY_URL: reg.url, TSBUILD_REGISTRY_TOKEN: reg.token } });
    const fingerprint = (await reg.api<{ bucket: Bucket }>('/buckets/github-build')).body.bucket.latest_version!.fingerprint;
    const json = await registry(['builds', 'github-build', fingerprint, '-json']);
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as Build[])[0]!.metadata).toEqual(build.metadata);
    const table = await registry(['builds', 'github-build', fingerprint]);
    expect(table.stdout.split('\n')[0]).toMatch(/^COMPONENT +PLATFORM +STATUS +REGION +ARTIFACT +COMMIT +BUILD ID$/);
    expect(table.stdout).toContain(`null.base  null      DONE    null    Null      ${commit.slice(0, 12)}-dirty  ${build.id}`);
  });

  it('GitLab CI in a clean repository: the job address, commit and ref', async () => {
    const gitlab = { GITLAB_CI: 'true', CI_JOB_URL: 'https://gitlab.example.com/acme/images/-/jobs/31', CI_COMMIT_SHA: 'f'.repeat(40), CI_COMMIT_REF_NAME: 'release', CI_PROJECT_NAME: 'images' };
    const { repo, build } = await buildInRepo('gitlab-build', gitlab, false);
    expect(build.metadata.vcs).toEqual({ type: 'git', details: { ref: 'release', commit: await repo.head(), author: `${GIT_AUTHOR.name} <${GIT_AUTHOR.email}>`, has_uncommitted_changes: false } });
    expect(build.metadata.cicd).toEqual({
      type: 'gitlab',
      details: { CI_JOB_URL: gitlab.CI_JOB_URL, CI_COMMIT_SHA: gitlab.CI_COMMIT_SHA, CI_COMMIT_REF_NAME: 'release', CI_PROJECT_NAME: 'images' },
    });
  });

  it('outside a repository and outside CI: no vcs and no cicd section, and the build works', async () => {
    const r = await reg.build({ 'main.pkr.hcl': template('plain') }, NO_CI);
    expect(r.code, r.stdout).toBe(0);
    const build = (await reg.api<{ bucket: Bucket }>('/buckets/plain')).body.bucket.latest_version!.builds[0]!;
    expect(Object.keys(build.metadata).sort()).toEqual(['packer', 'tsbuild_version']);
  });
});
