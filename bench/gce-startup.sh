#!/usr/bin/env bash
# Start-up of a googlecompute build: the time from starting `tsbuild build` to its first API calls, on a loopback
# listener that the template's token_uri and custom_endpoints point at: the OAuth token request (answered) and the
# first Compute call (refused with a 403, so that the build ends there); against a null build's time from start to
# its first action (a shell-local provisioner writing the time). The difference is what a Google Cloud template pays
# to load @google-cloud/compute and set up its clients. Runs ROUNDS of each, alternately; prints each time, the
# medians and the difference.
# usage: bench/gce-startup.sh [ROUNDS]   (default 10; `npm run build` first)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/bundle/main.cjs ] || { echo "bench: run npm run build first" >&2; exit 1; }
exec node --input-type=module - "${1:-${ROUNDS:-10}}" <<'JS'
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const rounds = Number(process.argv[2]);
const cli = resolve('bin/tsbuild.js');
const dir = mkdtempSync(join(tmpdir(), 'tsbuild-gce-startup-'));
let firstCall;
let firstCompute;
const server = createServer((req, res) => {
  const now = performance.timeOrigin + performance.now();
  firstCall ??= now;
  req.resume();
  if (req.url === '/token') {
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"bench","expires_in":3600,"token_type":"Bearer"}'));
    return;
  }
  firstCompute ??= now;
  const body = { error: { code: 403, message: 'bench', errors: [{ reason: 'forbidden', message: 'bench' }] } };
  req.on('end', () => res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const endpoint = `http://127.0.0.1:${server.address().port}`;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const credentials = { type: 'service_account', project_id: 'bench', private_key_id: 'k', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), client_email: 'bench@bench.iam.gserviceaccount.com', token_uri: `${endpoint}/token` };
writeFileSync(join(dir, 'account.json'), JSON.stringify(credentials));
writeFileSync(
  join(dir, 'gce.pkr.hcl'),
  `source "googlecompute" "g" {
  project_id       = "bench"
  zone             = "us-central1-a"
  source_image     = "debian-12"
  ssh_username     = "root"
  account_file     = "account.json"
  custom_endpoints = { compute = "${endpoint}/compute/v1/" }
}
build { sources = ["source.googlecompute.g"] }
`,
);
writeFileSync(
  join(dir, 'null.pkr.hcl'),
  `source "null" "n" { communicator = "none" }
build {
  sources = ["source.null.n"]
  provisioner "shell-local" { inline = ["node -e 'console.log(performance.timeOrigin)' > first-action"] }
}
`,
);
const env = { ...process.env, TSBUILD_STATE_DIR: join(dir, 'state'), HOME: dir };

function run(file) {
  return new Promise((done) => {
    const started = performance.timeOrigin + performance.now();
    const child = spawn(process.execPath, [cli, 'build', '-color=false', file], { cwd: dir, env, stdio: 'ignore' });
    child.on('close', () => done(started));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gce = [];
const compute = [];
const nul = [];
for (let i = 0; i < rounds; i++) {
  firstCall = undefined;
  firstCompute = undefined;
  const g = await run('gce.pkr.hcl');
  if (firstCompute === undefined) throw new Error('the googlecompute build made no Compute call');
  gce.push(firstCall - g);
  compute.push(firstCompute - g);
  const n = await run('null.pkr.hcl');
  // The provisioner's node process started after the build's first action began: its time origin bounds it.
  nul.push(Number(readFileSync(join(dir, 'first-action'), 'utf8')) - n);
}
server.close();
rmSync(dir, { recursive: true, force: true });
const fmt = (xs) => xs.map((x) => Math.round(x)).join(' ');
console.log(`googlecompute, start to the token request (ms):       ${fmt(gce)}`);
console.log(`googlecompute, start to the first Compute call (ms):  ${fmt(compute)}`);
console.log(`null, start to first action (ms):                     ${fmt(nul)}`);
const [g, c, n] = [median(gce), median(compute), median(nul)].map(Math.round);
console.log(`medians: token request ${g} ms, first Compute call ${c} ms, null first action ${n} ms; googlecompute's first call comes ${c - n} ms later (ratio ${(c / n).toFixed(2)})`);
JS
