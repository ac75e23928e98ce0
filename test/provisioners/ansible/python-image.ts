// A docker image Ansible can provision: the offline busybox test image plus this machine's python3 (its
// interpreter, standard library and shared libraries), built once through the Engine API.

import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import tar from 'tar-stream';
import { TEST_IMAGE } from '../../support/docker.js';

export const PYTHON_IMAGE = 'tsbuild-test/python:latest';

const SKIP = new Set(['test', 'tests', '__pycache__', 'idlelib', 'tkinter', 'turtledemo', 'ensurepip', 'lib2to3', 'pydoc_data', 'site-packages', 'dist-packages']);

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) walk(p, out);
    else if (st.isFile()) out.push(p);
  }
}

/** Shared libraries `files` load (ldd), as absolute paths. */
function libraries(files: string[]): string[] {
  const libs = new Set<string>();
  for (const f of files) {
    let out = '';
    try {
      out = execFileSync('ldd', [f], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      continue;
    }
    for (const m of out.matchAll(/(?:=> )?(\/\S+) \(0x/g)) libs.add(m[1]!);
  }
  return [...libs];
}

function addFile(pack: ReturnType<typeof tar.pack>, name: string, source: string): Promise<void> {
  const st = statSync(source);
  return new Promise((resolve, reject) => {
    const entry = pack.entry({ name, size: st.size, mode: st.mode & 0o7777, type: 'file' }, (e) => (e ? reject(e) : resolve()));
    createReadStream(source).on('error', reject).pipe(entry);
  });
}

/** Builds PYTHON_IMAGE when it is not there yet. */
export async function ensurePythonImage(docker: Dockerode): Promise<string> {
  if (await docker.getImage(PYTHON_IMAGE).inspect().then(() => true, () => false)) return PYTHON_IMAGE;
  const python = realpathSync('/usr/bin/python3');
  const version = /python(3\.\d+)$/.exec(python)?.[1];
  if (!version || !existsSync(`/usr/lib/python${version}`)) throw new Error(`No python3 standard library for ${python}: install python3`);
  const stdlib: string[] = [];
  walk(`/usr/lib/python${version}`, stdlib);
  const libs = libraries([python, ...stdlib.filter((f) => f.endsWith('.so'))]);
  const pack = tar.pack();
  const fill = async () => {
    pack.entry({ name: 'Dockerfile' }, `FROM ${TEST_IMAGE}\nCOPY rootfs/ /\nRUN ln -s python${version} /usr/bin/python3\n`);
    await addFile(pack, `rootfs/usr/bin/python${version}`, python);
    for (const f of stdlib) await addFile(pack, `rootfs${f}`, f);
    for (const l of libs) await addFile(pack, `rootfs${l}`, realpathSync(l));
    pack.finalize();
  };
  fill().catch((e: unknown) => pack.destroy(e as Error));
  const stream = await docker.buildImage(pack as unknown as NodeJS.ReadableStream, { t: PYTHON_IMAGE, rm: true, forcerm: true });
  const results = await new Promise<{ error?: string }[]>((resolve, reject) => docker.modem.followProgress(stream, (e, r) => (e ? reject(e) : resolve(r as { error?: string }[]))));
  const failed = results.find((r) => r.error);
  if (failed) throw new Error(`Building ${PYTHON_IMAGE} failed: ${failed.error}`);
  return PYTHON_IMAGE;
}
