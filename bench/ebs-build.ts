// The driver of bench/ebs-build.sh: one EC2 emulator with realistic (scaled) state-change delays and one sshd for
// every instance, then the same amazon-ebs template built by Packer 1.6.6 and by tsbuild, alternately, ROUNDS times
// each, each with its default polling. Prints each wall time, the medians, the ratio tsbuild / Packer, and the EC2
// calls of each run; fails when a build fails or leaves anything besides its AMI and snapshot.
// usage: npx tsx bench/ebs-build.ts [ROUNDS]

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCli } from '../test/support/cli.js';
import { ebsTemplate, runPacker, startEbsHarness, type EbsHarness } from '../test/support/ebs-harness.js';
import { tsbuildEnv } from '../test/support/ebs-tsbuild.js';
import type { Delays } from '../test/support/ec2-emulator/index.js';

/**
 * Scaled from EC2's: an instance runs, stops and terminates 3 s after asking, an AMI (and its snapshot) is
 * available 20 s after CreateImage.
 */
const DELAYS: Delays = { instanceRunning: 3000, instanceStopped: 3000, instanceTerminated: 3000, imageAvailable: 20_000, snapshotCompleted: 20_000 };
const TARGET = 0.7;

type Tool = 'packer' | 'tsbuild';

interface RunResult {
  ms: number;
  calls: number;
  waitCalls: number;
}

function template(h: EbsHarness, tool: Tool, round: number): string {
  return ebsTemplate(h, {
    options: { ami_name: `bench-${tool}-${round}-{{timestamp}}`, tags: { Base: '{{ .SourceAMIName }}' } },
    build: '  provisioner "shell" { inline = ["echo provisioned-as-$(id -un)", "uname -s"] }',
  });
}

/** One build with `tool` in a new folder; throws with its output when it fails or leaves more than its AMI. */
async function build(h: EbsHarness, tool: Tool, round: number): Promise<RunResult> {
  const dir = h.newDir();
  writeFileSync(join(dir, 'build.pkr.hcl'), template(h, tool, round));
  const firstCall = h.emulator.calls.length;
  const leftBefore = h.emulator.leftovers().length;
  const start = Date.now();
  const r =
    tool === 'packer'
      ? await runPacker(dir, ['build', '-color=false', 'build.pkr.hcl'], { timeoutSeconds: 600 })
      : await startCli(['build', '-color=false', 'build.pkr.hcl'], { cwd: dir, env: tsbuildEnv(h, dir) }).exited.then((x) => ({ code: x.code, output: x.stdout + x.stderr }));
  const ms = Date.now() - start;
  if (r.code !== 0 || !/AMIs were created:\n\S+: ami-[0-9a-f]+/.test(r.output) || !r.output.includes('provisioned-as-root')) {
    throw new Error(`${tool} build failed (exit ${r.code}):\n${r.output}`);
  }
  const stray = h.emulator.leftovers().filter((l) => !l.startsWith('image ') && !l.startsWith('snapshot '));
  const made = h.emulator.leftovers().length - leftBefore;
  if (stray.length > 0 || made !== 2) throw new Error(`${tool} left ${made} resources (expected its AMI and snapshot): ${stray.join(', ')}`);
  const calls = h.emulator.calls.slice(firstCall);
  return { ms, calls: calls.length, waitCalls: calls.filter((c) => c.action === 'DescribeInstances' || c.action === 'DescribeImages').length };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? process.env.ROUNDS ?? 1);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`bad ROUNDS: ${process.argv[2]}`);
  const h = await startEbsHarness({ delays: DELAYS, regions: ['us-east-1'] });
  try {
    console.log(
      `emulator delays: instance running/stopped/terminated after ${DELAYS.instanceRunning / 1000} s, AMI and snapshot available after ${DELAYS.imageAvailable / 1000} s`,
    );
    const times: Record<Tool, number[]> = { packer: [], tsbuild: [] };
    for (let round = 1; round <= rounds; round++) {
      const p = await build(h, 'packer', round);
      const t = await build(h, 'tsbuild', round);
      times.packer.push(p.ms);
      times.tsbuild.push(t.ms);
      console.log(
        `round ${round}: packer ${seconds(p.ms)} s (${p.calls} EC2/STS calls, ${p.waitCalls} describes), tsbuild ${seconds(t.ms)} s (${t.calls} calls, ${t.waitCalls} describes)`,
      );
    }
    const [p, t] = [median(times.packer), median(times.tsbuild)];
    console.log(`median wall time: packer ${seconds(p)} s, tsbuild ${seconds(t)} s`);
    console.log(`RATIO tsbuild/packer wall time: ${(t / p).toFixed(2)} (target <= ${TARGET.toFixed(2)})`);
    console.log('both builds succeeded each round; the emulator keeps only their AMIs and snapshots');
  } finally {
    await h.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
