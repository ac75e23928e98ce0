// `tsbuild registry check-plan` against a real registry, with a plan in the shape `terraform show -json PLANFILE`
// writes (format 1.2: planned_values with child modules, resource_changes with actions and `after`), and the lookup
// route it reads (GET .../artifacts/versions).

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactVersion, Build } from '../../registry/api/types.js';
import { runCli } from '../support/cli.js';
import { needs } from '../support/needs.js';
import { terraform, TERRAFORM, terraformEnv } from '../support/terraform.js';
import { startRegistry, type TestRegistry } from '../support/registry-server.js';

let reg: TestRegistry;
const BAD = 'ami-0bad0000000000001';
const SOON = 'ami-050000000000000a1';
const GOOD = `sha256:${'a'.repeat(64)}`;
const UNKNOWN = 'ami-0123456789abcdef0';

async function publish(fingerprint: string, id: string, region: string): Promise<void> {
  expect((await reg.api('/buckets/base/versions', { method: 'POST', body: { fingerprint } })).status).toBe(200);
  const created = await reg.api<{ build: Build }>(`/buckets/base/versions/${fingerprint}/builds`, { method: 'POST', body: { component_type: 'amazon-ebs.base', platform: 'aws' } });
  const done = { status: 'BUILD_DONE', artifacts: [{ external_identifier: id, region, labels: {} }] };
  expect((await reg.api(`/buckets/base/versions/${fingerprint}/builds/${created.body.build.id}`, { method: 'PATCH', body: done })).status).toBe(200);
}

function writePlan(name: string, plan: unknown): string {
  writeFileSync(join(reg.dir, name), JSON.stringify(plan));
  return name;
}

const resource = (address: string, values: Record<string, unknown>) => ({ address, mode: 'managed', type: address.split('.').at(-2), name: address.split('.').at(-1), provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 1, values, sensitive_values: {} });
const change = (address: string, actions: string[], after: Record<string, unknown> | null) => ({ address, mode: 'managed', type: address.split('.').at(-2), name: address.split('.').at(-1), change: { actions, before: null, after, after_unknown: {} } });

function checkPlan(file: string, args: string[] = []) {
  return runCli(['registry', 'check-plan', file, ...args], { cwd: reg.dir, env: { TSBUILD_REGISTRY_URL: reg.url, TSBUILD_REGISTRY_TOKEN: reg.token } });
}

beforeAll(async () => {
  reg = await startRegistry('tsbuild-registry-check-plan-');
  expect((await reg.api('/buckets', { method: 'POST', body: { name: 'base' } })).status).toBe(200);
  await publish('fp-bad', BAD, 'us-east-1');
  await publish('fp-soon', SOON, 'eu-west-1');
  await publish('fp-good', GOOD, 'docker');
  expect((await reg.api('/buckets/base/versions/fp-bad', { method: 'PATCH', body: { revoke_in: '0s', revocation_message: 'CVE-2026-1' } })).status).toBe(200);
  expect((await reg.api('/buckets/base/versions/fp-soon', { method: 'PATCH', body: { revoke_in: '720h' } })).status).toBe(200);
});
afterAll(() => reg?.stop());

describe('tsbuild registry check-plan', () => {
  it('the lookup route answers the versions of known images and leaves unknown ones out', async () => {
    const r = await reg.api<{ artifacts: ArtifactVersion[] }>(`/artifacts/versions?external_identifier=${BAD}&external_identifier=${UNKNOWN}`);
    expect(r.status).toBe(200);
    expect(r.body.artifacts).toMatchObject([{ external_identifier: BAD, region: 'us-east-1', version: { fingerprint: 'fp-bad', bucket_name: 'base', status: 'VERSION_REVOKED' } }]);
  });

  it('fails listing each planned resource on a revoked image and warns for a scheduled one, in any module', async () => {
    const plan = writePlan('bad.json', {
      format_version: '1.2',
      terraform_version: '1.6.6',
      planned_values: {
        root_module: {
          resources: [resource('aws_instance.web', { ami: BAD, instance_type: 't3.micro', tags: { Name: 'web' } })],
          child_modules: [{ address: 'module.app', resources: [resource('module.app.aws_launch_template.lt', { image_id: SOON, block_device_mappings: [{ device_name: '/dev/xvda' }] })] }],
        },
      },
      resource_changes: [
        change('aws_instance.web', ['create'], { ami: BAD, instance_type: 't3.micro' }),
        change('module.app.aws_launch_template.lt', ['update'], { image_id: SOON }),
        // Only deleted: it no longer uses its image.
        change('aws_instance.old', ['delete'], null),
        change('docker_container.app', ['create'], { image: GOOD, name: 'app' }),
      ],
    });
    const r = await checkPlan(plan);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Error: aws_instance.web uses ${BAD} (bucket base, version v1 fp-bad), revoked: CVE-2026-1\n`);
    expect(r.stderr).toMatch(new RegExp(`Warning: module\\.app\\.aws_launch_template\\.lt uses ${SOON} \\(bucket base, version v2 fp-soon\\), to be revoked at \\d{4}-`));
    expect(r.stderr).not.toContain('docker_container.app');
    expect(r.stdout).toBe('3 planned resource(s): 3 use(s) of registry images, 1 revoked, 1 scheduled for revocation\n');
    const json = await checkPlan(plan, ['-json']);
    expect(json.code).toBe(1);
    const found = JSON.parse(json.stdout) as { revoked: { address: string }[]; scheduled: { address: string }[] };
    expect([found.revoked.map((f) => f.address), found.scheduled.map((f) => f.address)]).toEqual([['aws_instance.web'], ['module.app.aws_launch_template.lt']]);
  });

  it('passes with a warning for a scheduled image (exit 0), and names image ids the registry does not know', async () => {
    const plan = writePlan('soon.json', {
      format_version: '1.2',
      resource_changes: [change('aws_instance.a', ['create'], { ami: SOON }), change('aws_instance.b', ['create'], { ami: UNKNOWN }), change('aws_instance.old', ['delete'], null)],
    });
    const r = await checkPlan(plan);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Warning: aws_instance\.a uses /);
    expect(r.stdout).toBe(`2 planned resource(s): 1 use(s) of registry images, 0 revoked, 1 scheduled for revocation; image ids the registry does not know: ${UNKNOWN}\n`);
  });

  it('refuses a file that is not a plan, and names the registry when it cannot be reached', async () => {
    const notPlan = writePlan('state.json', { version: 4, resources: [] });
    const r = await checkPlan(notPlan);
    expect([r.code, r.stderr]).toEqual([1, 'Error: state.json: not a Terraform plan: expected the output of `terraform show -json PLANFILE` (with planned_values or resource_changes)\n']);
    const plan = writePlan('ok.json', { resource_changes: [change('aws_instance.a', ['create'], { ami: BAD })] });
    const noToken = await runCli(['registry', 'check-plan', plan], { cwd: reg.dir, env: { TSBUILD_REGISTRY_URL: reg.url, TSBUILD_REGISTRY_TOKEN: '' } });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain(`Error: the image registry at ${reg.url} refused GET /artifacts/versions?`);
    expect(noToken.stderr).toContain(': 401 ');
  });

  // `terraform_data` is built in: no provider to download.
  needs(terraform).it('reads the plan the real terraform writes (terraform show -json), child modules included', () => {
    const dir = join(reg.dir, 'tf');
    mkdirSync(join(dir, 'app'), { recursive: true });
    writeFileSync(join(dir, 'main.tf'), `resource "terraform_data" "web" {\n  input = { ami = "${BAD}" }\n}\nmodule "app" {\n  source = "./app"\n}\n`);
    writeFileSync(join(dir, 'app', 'main.tf'), `resource "terraform_data" "lt" {\n  input = ["${SOON}"]\n}\n`);
    const env = terraformEnv(dir);
    for (const args of [['init', '-no-color'], ['plan', '-no-color', '-out', 'plan.bin']]) {
      const r = spawnSync(TERRAFORM!, args, { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
      expect(r.status, r.stdout + r.stderr).toBe(0);
    }
    const shown = spawnSync(TERRAFORM!, ['show', '-json', 'plan.bin'], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
    expect(shown.status, shown.stderr).toBe(0);
    writeFileSync(join(reg.dir, 'real.json'), shown.stdout);
    return checkPlan('real.json').then((r) => {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`Error: terraform_data.web uses ${BAD} (bucket base, version v1 fp-bad), revoked: CVE-2026-1\n`);
      expect(r.stderr).toMatch(/Warning: module\.app\.terraform_data\.lt uses /);
    });
  }, 300_000);
});
