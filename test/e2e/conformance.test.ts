import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';
import { CONFORMANCE } from '../support/shared.js';

const RUN = resolve(CONFORMANCE, 'run.sh');
const SHARED = resolve(CONFORMANCE, 'cases');
const OURS = resolve(__dirname, '../conformance/cases');

/** Runs the differential conformance runner; resolves with the names of the failed cases and its output. */
async function conformance(cases: string): Promise<{ failed: string[]; passed: number; output: string }> {
  const r = await promisify(execFile)(RUN, [cases, process.execPath, CLI], { maxBuffer: 10 * 1024 * 1024, timeout: 300_000 }).catch(
    (e: { stdout: string; stderr: string }) => e,
  );
  const output = r.stdout + r.stderr;
  const summary = /conformance: (\d+) passed, (\d+) failed/.exec(output);
  expect(summary, output).not.toBeNull();
  const failed = /^failed: (.*)$/m.exec(output)?.[1]?.split(' ') ?? [];
  expect(failed.length).toBe(Number(summary![2]));
  return { failed, passed: Number(summary![1]), output };
}

describe('conformance with Packer 1.6.6 recordings', () => {
  it('passes every case of our own', async () => {
    const r = await conformance(OURS);
    expect(r.failed, r.output).toEqual([]);
    expect(r.passed).toBeGreaterThanOrEqual(14);
  });

  it('passes every case of the shared suite', async () => {
    const r = await conformance(SHARED);
    expect(r.failed, r.output).toEqual([]);
    expect(r.passed).toBeGreaterThanOrEqual(6);
  });
});
