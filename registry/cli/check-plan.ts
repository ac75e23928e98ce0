// `tsbuild registry check-plan PLAN.json`: HCP Packer's Terraform run task for any CI. Every string attribute value of
// the planned resources that is an image the registry knows (by external identifier: AMI ids, docker image ids...) is
// looked up; a resource using a revoked version's image fails the check (exit 1), one scheduled for revocation warns.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIO } from '../../src/cli/io.js';
import type { ArtifactVersion } from '../api/types.js';
import { withClient } from './client-command.js';
import { IMAGE_ID, readPlannedResources, type PlannedResource } from './plan-values.js';

export async function checkPlan(file: string, o: { json?: boolean }, io: CliIO): Promise<number> {
  let resources: PlannedResource[];
  try {
    resources = readPlannedResources(JSON.parse(readFileSync(resolve(io.cwd, file), 'utf8')));
  } catch (e) {
    io.stderr.write(`Error: ${file}: ${(e as Error).message}\n`);
    return 1;
  }
  let failed = false;
  const code = await withClient(io, async (client) => {
    const values = [...new Set(resources.flatMap((r) => [...r.strings]))];
    const known = new Map<string, ArtifactVersion[]>();
    for (const a of await client.findArtifactVersions(values)) known.set(a.external_identifier, [...(known.get(a.external_identifier) ?? []), a]);
    const findings = resources.flatMap((r) => [...r.strings].flatMap((s) => (known.get(s) ?? []).map((a) => ({ address: r.address, artifact: a }))));
    const revoked = findings.filter((f) => f.artifact.version.status === 'VERSION_REVOKED');
    const scheduled = findings.filter((f) => f.artifact.version.status === 'VERSION_REVOCATION_SCHEDULED');
    failed = revoked.length > 0;
    if (o.json) {
      io.stdout.write(`${JSON.stringify({ revoked, scheduled, known: findings }, null, 2)}\n`);
      return;
    }
    for (const f of revoked) io.stderr.write(`Error: ${f.address} uses ${describe(f.artifact)}, revoked${reason(f.artifact)}\n`);
    for (const f of scheduled) io.stderr.write(`Warning: ${f.address} uses ${describe(f.artifact)}, to be revoked at ${f.artifact.version.revoke_at}${reason(f.artifact)}\n`);
    const unknown = values.filter((v) => IMAGE_ID.test(v) && !known.has(v));
    const summary = `${resources.length} planned resource(s): ${findings.length} use(s) of registry images, ${revoked.length} revoked, ${scheduled.length} scheduled for revocation`;
    io.stdout.write(`${summary}${unknown.length > 0 ? `; image ids the registry does not know: ${unknown.join(', ')}` : ''}\n`);
  });
  return code !== 0 ? code : failed ? 1 : 0;
}

function describe(a: ArtifactVersion): string {
  const v = a.version;
  return `${a.external_identifier} (bucket ${v.bucket_name}, version ${v.name} ${v.fingerprint})`;
}

function reason(a: ArtifactVersion): string {
  return a.version.revocation_message ? `: ${a.version.revocation_message}` : '';
}
