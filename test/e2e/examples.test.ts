import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { needs, packer } from '../support/needs.js';
import { PACKER } from '../support/packer-console.js';

const EXAMPLES = resolve(__dirname, '../../examples');

/** What must match Packer: the artifact lines and every manifest, with times and run ids set aside. */
interface Outcome {
  artifacts: string[];
  manifests: Record<string, unknown>;
}

function normalizeManifest(text: string): unknown {
  const m = JSON.parse(text) as { builds: Record<string, unknown>[]; last_run_uuid: string };
  expect(m.last_run_uuid).toMatch(/^[0-9a-f-]{36}$/);
  return m.builds
    .map((b) => {
      expect(b.packer_run_uuid).toBe(m.last_run_uuid);
      return { ...b, name: b.name, build_time: b.build_time === undefined ? 'absent' : typeof b.build_time, packer_run_uuid: 'run' };
    })
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

async function outcome(cli: string[], example: string, template: string, manifests: string[]): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), `tsbuild-example-${example}-`));
  // Only the template: artifacts of an earlier run in the examples folder must not leak in.
  cpSync(join(EXAMPLES, example, template), join(dir, template));
  const r = cli[0] === 'tsbuild'
    ? await runCli(['build', '-color=false', template], { cwd: dir })
    : await promisify(execFile)(cli[0]!, ['build', '-color=false', template], { cwd: dir }).then((o) => ({ code: 0, stdout: o.stdout }));
  expect(r.code).toBe(0);
  const artifacts = r.stdout.split('\n').filter((l) => l.startsWith('--> ')).sort();
  return {
    artifacts,
    manifests: Object.fromEntries(manifests.map((m) => [m, existsSync(join(dir, m)) ? normalizeManifest(readFileSync(join(dir, m), 'utf8')) : 'missing'])),
  };
}

const CASES: [string, string, string[], Outcome][] = [
  [
    'hello',
    'hello.pkr.hcl',
    ['manifest.json'],
    {
      artifacts: [
        '--> file.note: Stored file: hello.txt',
        '--> file.note: Stored file: hello.txt',
        '--> null.hello: Did not export anything. This is the null builder',
        '--> null.hello: Did not export anything. This is the null builder',
      ],
      manifests: {
        'manifest.json': [
          { name: 'hello', builder_type: 'null', build_time: 'number', files: null, artifact_id: 'Null', packer_run_uuid: 'run', custom_data: null },
          { name: 'note', builder_type: 'file', build_time: 'number', files: [{ name: 'hello.txt', size: 24 }], artifact_id: 'File', packer_run_uuid: 'run', custom_data: null },
        ],
      },
    },
  ],
  [
    'post-processing',
    'post-processing.pkr.hcl',
    ['release-manifest.json', 'builder-manifest.json'],
    {
      artifacts: [
        '--> release.file.config: Created artifact from files: dist/config.pkg',
        '--> release.file.config: Created artifact from files: dist/config.pkg',
        '--> release.file.config: Stored file: build/app.conf',
        '--> release.file.config: Stored file: build/app.conf',
        '--> release.null.checks: Created artifact from files: dist/checks.pkg',
        '--> release.null.checks: Created artifact from files: dist/checks.pkg',
        '--> release.null.checks: Did not export anything. This is the null builder',
        '--> release.null.checks: Did not export anything. This is the null builder',
      ],
      manifests: {
        'release-manifest.json': [
          { name: 'checks', builder_type: 'null', build_time: 'number', files: [{ name: 'checks.pkg', size: 18 }], artifact_id: '', packer_run_uuid: 'run', custom_data: { version: '1.0.0' } },
          { name: 'config', builder_type: 'file', build_time: 'number', files: [{ name: 'config.pkg', size: 18 }], artifact_id: '', packer_run_uuid: 'run', custom_data: { version: '1.0.0' } },
        ],
        'builder-manifest.json': [
          { name: 'checks', builder_type: 'null', build_time: 'absent', files: null, artifact_id: 'Null', packer_run_uuid: 'run', custom_data: null },
          // The file was removed by the first chain (artifice does not keep its input): its size is 0, as in Packer.
          { name: 'config', builder_type: 'file', build_time: 'absent', files: [{ name: 'build/app.conf', size: 0 }], artifact_id: 'File', packer_run_uuid: 'run', custom_data: null },
        ],
      },
    },
  ],
];

describe('examples, end to end', () => {
  it.each(CASES)('%s: artifacts and manifests as recorded from Packer 1.6.6', async (example, template, manifests, recorded) => {
    expect(await outcome(['tsbuild'], example, template, manifests)).toEqual(recorded);
  });

  needs(packer).each(CASES)('%s: artifacts and manifests as Packer produces them now', async (example, template, manifests) => {
    const [ours, theirs] = await Promise.all([outcome(['tsbuild'], example, template, manifests), outcome([PACKER!], example, template, manifests)]);
    expect(ours).toEqual(theirs);
  });
});
