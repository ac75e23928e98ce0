#!/usr/bin/env node
// Parse-and-evaluate benchmark over the HCL corpus, beside `packer validate -syntax-only` on the same units,
// in one invocation. Prints per-unit wall times, totals and ratios (tsbuild / packer; lower is better).
//   node bench/parse-corpus.mjs [rounds]     (needs `npm run build` first, and Debian's packer for the comparison)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const live = resolve(root, '../shared/corpus');
const corpus = existsSync(join(live, 'expected.json')) ? live : resolve(root, 'test/fixtures/shared/corpus');
const rounds = Number(process.argv[2] ?? 3);
const { loadTemplate } = await import(join(root, 'dist/src/template/load.js'));

const units = JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')).filter((u) => u.kind === 'hcl');
const packer = ['/usr/bin/packer', '/usr/local/bin/packer'].find((p) => existsSync(p));

function time(fn) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
async function timeAsync(fn) {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
const best = (xs) => Math.min(...xs);

// 1. In-process: parse + decode + evaluate variables and locals (mode "console": no unset-variable errors).
await loadTemplate(join(corpus, units[0].path), { cwd: corpus, env: {}, inputs: [], mode: 'console' }); // warm-up
const inproc = [];
for (let r = 0; r < rounds; r++) {
  inproc.push(await timeAsync(async () => {
    for (const u of units) await loadTemplate(join(corpus, u.path), { cwd: corpus, env: {}, inputs: [], mode: 'console' });
  }));
}

// 2. Command line, one process per unit, both tools: what a user or CI job sees.
function cliTotal(cmd, args) {
  return time(() => {
    for (const u of units) spawnSync(cmd, [...args, u.unit === 'dir' ? '.' : u.path.split('/').pop()], { cwd: join(corpus, u.unit === 'dir' ? u.path : dirname(u.path)), env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  });
}
const tsCli = [];
const pkCli = [];
for (let r = 0; r < rounds; r++) {
  tsCli.push(cliTotal(process.execPath, [join(root, 'bin/tsbuild.js'), 'validate', '-syntax-only']));
  if (packer) pkCli.push(cliTotal(packer, ['validate', '-syntax-only']));
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;
console.log(`units: ${units.length} (HCL corpus), rounds: ${rounds}, best of rounds`);
console.log(`tsbuild in-process parse+evaluate, all units: ${fmt(best(inproc))} (${fmt(best(inproc) / units.length)} per unit)`);
console.log(`tsbuild validate -syntax-only, one process per unit: ${fmt(best(tsCli))}`);
if (packer) {
  console.log(`packer ${execFileSync(packer, ['version']).toString().trim()} validate -syntax-only, one process per unit: ${fmt(best(pkCli))}`);
  console.log(`ratio CLI (tsbuild / packer): ${(best(tsCli) / best(pkCli)).toFixed(2)}`);
  console.log(`ratio in-process tsbuild / packer CLI: ${(best(inproc) / best(pkCli)).toFixed(3)}`);
} else {
  console.log('packer not installed: no comparison (apt-get install packer)');
}
