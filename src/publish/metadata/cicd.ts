// The `cicd` section of a build's registry metadata, as current Packer records it: the CI system found from the
// variables it sets (GitHub Actions, GitLab CI, Bitbucket Pipelines, in that order; Packer knows no other), with
// the variables Packer copies, and for GitHub Actions the run's address as GITHUB_WORKFLOW_URL. An empty variable
// counts as unset.

type Env = Readonly<Record<string, string | undefined>>;

export interface CicdMetadata {
  type: 'github' | 'gitlab' | 'bitbucket';
  details: Record<string, string>;
}

interface CiSystem {
  type: CicdMetadata['type'];
  /** The variable whose presence says the build runs there. */
  detect: string;
  keys: readonly string[];
}

const SYSTEMS: readonly CiSystem[] = [
  {
    type: 'github',
    detect: 'GITHUB_ACTIONS',
    // GITHUB_REF_NAME is tsbuild's addition: the branch or tag name, which GITHUB_REF spells `refs/heads/...`.
    keys: ['GITHUB_REPOSITORY', 'GITHUB_REPOSITORY_ID', 'GITHUB_SHA', 'GITHUB_REF', 'GITHUB_REF_NAME', 'GITHUB_ACTOR', 'GITHUB_ACTOR_ID', 'GITHUB_TRIGGERING_ACTOR', 'GITHUB_EVENT_NAME', 'GITHUB_JOB'],
  },
  {
    type: 'gitlab',
    detect: 'GITLAB_CI',
    keys: ['CI_PROJECT_NAME', 'CI_PROJECT_ID', 'CI_PROJECT_URL', 'CI_COMMIT_SHA', 'CI_COMMIT_REF_NAME', 'GITLAB_USER_NAME', 'GITLAB_USER_ID', 'CI_PIPELINE_SOURCE', 'CI_PIPELINE_URL', 'CI_JOB_URL', 'CI_SERVER_NAME', 'CI_REGISTRY_IMAGE'],
  },
  {
    type: 'bitbucket',
    detect: 'BITBUCKET_BUILD_NUMBER',
    keys: [
      'BITBUCKET_REPO_FULL_NAME', 'BITBUCKET_REPO_UUID', 'BITBUCKET_WORKSPACE', 'BITBUCKET_COMMIT', 'BITBUCKET_BRANCH', 'BITBUCKET_TAG', 'BITBUCKET_BUILD_NUMBER',
      'BITBUCKET_PIPELINE_UUID', 'BITBUCKET_STEP_UUID', 'BITBUCKET_DEPLOYMENT_ENVIRONMENT', 'BITBUCKET_PR_ID', 'BITBUCKET_PR_DESTINATION_BRANCH', 'BITBUCKET_PROJECT_KEY', 'BITBUCKET_PROJECT_UUID',
    ],
  },
];

/** Every variable read here: a run that must not look like CI (a test) sets them all empty. */
export const CI_VARIABLES: readonly string[] = [...SYSTEMS.flatMap((s) => [s.detect, ...s.keys]), 'GITHUB_SERVER_URL', 'GITHUB_RUN_ID'];

export function readCicd(env: Env): CicdMetadata | undefined {
  const system = SYSTEMS.find((s) => env[s.detect]);
  if (!system) return undefined;
  const details: Record<string, string> = {};
  for (const key of system.keys) if (env[key]) details[key] = env[key]!;
  if (system.type === 'github') {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
    if (server && repo && run) details.GITHUB_WORKFLOW_URL = `${server.replace(/\/+$/, '')}/${repo}/actions/runs/${run}`;
  }
  return { type: system.type, details };
}
