// Fills a running registry through its API with a realistic catalogue for bench/registry-lookup.sh: BUCKETS buckets
// of VERSIONS complete versions each (two builds per version: amazon-ebs in three regions and docker, with CI and VCS
// metadata), a `staging` channel on the newest version and a `production` channel moved twice (an assignment
// history to roll back through); in every tenth bucket production's version is revoked, so that its lookups take the
// rollback path. Writes go BUCKETS_IN_PARALLEL buckets at a time.
// usage: node bench/registry-seed.mjs URL TOKEN [BUCKETS] [VERSIONS]

const [url, token, bucketCount = '50', versionCount = '20'] = process.argv.slice(2);
if (!url || !token) {
  console.error('usage: node bench/registry-seed.mjs URL TOKEN [BUCKETS] [VERSIONS]');
  process.exit(2);
}
const api = `${url.replace(/\/+$/, '')}/packer/2023-01-01/organizations/default/projects/default`;
const BUCKETS_IN_PARALLEL = 8;

async function call(method, path, body) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

const hex = (n, width) => n.toString(16).padStart(width, '0');

async function publishVersion(bucket, b, v) {
  const fingerprint = `${hex(b, 4)}${hex(v, 4)}aa55aa55aa55aa55aa55aa55aa55aa55`;
  await call('POST', `/buckets/${bucket}/versions`, { fingerprint });
  const metadata = { tsbuild_version: '0.1.0', vcs: { type: 'git', details: { commit: `${hex(b * 1000 + v, 8)}${'c'.repeat(32)}`, branch: 'main' } }, ci: { job_url: `https://ci.example.com/jobs/${b}-${v}` } };
  const ebs = await call('POST', `/buckets/${bucket}/versions/${fingerprint}/builds`, { component_type: 'amazon-ebs.ubuntu', platform: 'aws', metadata, labels: { os: 'ubuntu-22.04' } });
  const docker = await call('POST', `/buckets/${bucket}/versions/${fingerprint}/builds`, { component_type: 'docker.app', platform: 'docker', metadata });
  const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
  await call('PATCH', `/buckets/${bucket}/versions/${fingerprint}/builds/${ebs.build.id}`, {
    status: 'BUILD_DONE',
    source_external_identifier: 'ami-0123456789abcdef0',
    artifacts: regions.map((region, i) => ({ external_identifier: `ami-${hex(b, 4)}${hex(v, 4)}${hex(i, 9)}`, region })),
  });
  await call('PATCH', `/buckets/${bucket}/versions/${fingerprint}/builds/${docker.build.id}`, {
    status: 'BUILD_DONE',
    artifacts: [{ external_identifier: `sha256:${hex(b, 8)}${hex(v, 8)}${'d'.repeat(48)}`, region: 'docker', labels: { tags: 'app:latest' } }],
  });
  return fingerprint;
}

async function seedBucket(b) {
  const bucket = `service-${String(b).padStart(2, '0')}`;
  await call('POST', '/buckets', { name: bucket, description: `images of service ${b}`, labels: { team: `team-${b % 7}` } });
  const fingerprints = [];
  for (let v = 1; v <= Number(versionCount); v++) fingerprints.push(await publishVersion(bucket, b, v));
  const at = (fromEnd) => fingerprints[Math.max(0, fingerprints.length - fromEnd)];
  await call('POST', `/buckets/${bucket}/channels`, { name: 'staging', version_fingerprint: at(1) });
  await call('POST', `/buckets/${bucket}/channels`, { name: 'production', version_fingerprint: at(4) });
  await call('PATCH', `/buckets/${bucket}/channels/production`, { version_fingerprint: at(2) });
  if (b % 10 === 0) await call('PATCH', `/buckets/${bucket}/versions/${at(2)}`, { revoke_in: '0s', revocation_message: 'CVE found', skip_descendants_revocation: true });
}

const started = Date.now();
const queue = Array.from({ length: Number(bucketCount) }, (_, i) => i + 1);
await Promise.all(
  Array.from({ length: BUCKETS_IN_PARALLEL }, async () => {
    for (let b = queue.shift(); b !== undefined; b = queue.shift()) await seedBucket(b);
  }),
);
console.log(`seeded ${bucketCount} buckets x ${versionCount} versions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
