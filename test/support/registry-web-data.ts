// What the registry page's browser test shows, published through the API with a write token: bucket `base` (a
// description written as HTML, to show it stays text) with three versions, whose builds made images in two AWS
// regions and in docker, and channel `prod` assigned to v1 then v2 then v3; bucket `app`, whose version was built
// from base v3 read through `prod` (ancestry).

import { expect } from 'vitest';
import type { Build, Channel, Version } from '../../registry/api/types.js';
import type { TestRegistry } from './registry-server.js';

export const HOSTILE_DESCRIPTION = 'Base image <img src=x onerror="window.__injected = true"> & <b>friends</b>';

interface BuildSpec {
  component_type: string;
  platform: string;
  artifacts: { external_identifier: string; region: string }[];
  parent?: { version_id: string; channel_id: string };
}

async function ok<T>(reply: Promise<{ status: number; body: T }>): Promise<T> {
  const r = await reply;
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** A packer_run_uuid of the usual shape, telling the version and build apart. */
export function runUuid(fingerprint: string, i: number): string {
  const hex = Buffer.from(`${fingerprint}-${i}`).toString('hex').padEnd(32, '0').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Records a version and its builds, all RUNNING, then each DONE with its artifacts: the version completes. */
export async function publish(reg: TestRegistry, bucket: string, fingerprint: string, builds: BuildSpec[]): Promise<Version> {
  const path = `/buckets/${bucket}/versions/${fingerprint}`;
  await ok(reg.api(`/buckets/${bucket}/versions`, { method: 'POST', body: { fingerprint } }));
  const created: Build[] = [];
  for (const [i, b] of builds.entries()) {
    const parent = b.parent ? { parent_version_id: b.parent.version_id, parent_channel_id: b.parent.channel_id } : {};
    const metadata = { tsbuild_version: '0.1.0', git_commit: `c0ffee${i}${fingerprint}`, ci_job_url: `https://ci.example/jobs/${fingerprint}` };
    const source = b.platform === 'aws' ? { source_external_identifier: 'ami-0123456789abcdef0' } : {};
    const body = { component_type: b.component_type, platform: b.platform, status: 'BUILD_RUNNING', packer_run_uuid: runUuid(fingerprint, i), labels: { os: 'debian-12' }, metadata, ...source, ...parent };
    created.push((await ok(reg.api<{ build: Build }>(`${path}/builds`, { method: 'POST', body }))).build);
  }
  for (const [i, b] of builds.entries()) {
    await ok(reg.api(`${path}/builds/${created[i]!.id}`, { method: 'PATCH', body: { status: 'BUILD_DONE', artifacts: b.artifacts.map((a) => ({ ...a, labels: {} })) } }));
  }
  return (await ok(reg.api<{ version: Version }>(path))).version;
}

/** Builds of base version `n`: an AMI in us-east-1 and eu-west-1, and a docker image. */
function baseBuilds(n: number): BuildSpec[] {
  return [
    { component_type: 'amazon-ebs.debian', platform: 'aws', artifacts: [{ external_identifier: `ami-0e${n}east`, region: 'us-east-1' }, { external_identifier: `ami-0e${n}west`, region: 'eu-west-1' }] },
    { component_type: 'docker.debian', platform: 'docker', artifacts: [{ external_identifier: `sha256:${String(n).repeat(12)}`, region: 'docker' }] },
  ];
}

export async function fillRegistry(reg: TestRegistry): Promise<void> {
  await ok(reg.api('/buckets', { method: 'POST', body: { name: 'base', description: HOSTILE_DESCRIPTION, labels: { team: 'platform', os: 'debian' } } }));
  await ok(reg.api('/buckets', { method: 'POST', body: { name: 'app', description: 'The web application' } }));
  for (const n of [1, 2, 3]) await publish(reg, 'base', `base-fp-${n}`, baseBuilds(n));
  await ok(reg.api('/buckets/base/channels', { method: 'POST', body: { name: 'prod', version_fingerprint: 'base-fp-1' } }));
  for (const n of [2, 3]) await ok(reg.api('/buckets/base/channels/prod', { method: 'PATCH', body: { version_fingerprint: `base-fp-${n}` } }));
  const { channel: prod } = await ok(reg.api<{ channel: Channel }>('/buckets/base/channels/prod'));
  await publish(reg, 'app', 'app-fp-1', [
    { component_type: 'docker.app', platform: 'docker', artifacts: [{ external_identifier: 'sha256:aaaaaaaaaaaa', region: 'docker' }], parent: { version_id: prod.version!.id, channel_id: prod.id } },
  ]);
}
