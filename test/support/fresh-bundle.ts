// vitest's global setup: CLI tests run the bundle (bin/tsbuild.js loads dist/bundle/main.cjs), so before any test
// runs, the bundle is rebuilt (scripts/bundle.mjs, a few seconds) when a source file is newer than it or it is
// missing. `npm run build` (type check, compile, bundle) leaves it fresh, so scripts/test-all.sh bundles once.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLE = join(ROOT, 'dist/bundle/main.cjs');
/** What goes into the bundle, and what makes it. */
const SOURCES = ['src', 'builders', 'provisioners', 'post-processors', 'data-sources', 'registry', 'bin', 'scripts/bundle.mjs', 'package.json'];

/** The newest modification time under `path` (0 when it does not exist). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Why the bundle must be made again, or undefined when it is up to date. */
export function staleBecause(): string | undefined {
  if (!existsSync(BUNDLE)) return `${BUNDLE} is missing`;
  const built = statSync(BUNDLE).mtimeMs;
  const changed = SOURCES.find((s) => newest(join(ROOT, s)) > built);
  return changed ? `${changed} changed after it was built` : undefined;
}

export default function setup(): void {
  const reason = staleBecause();
  if (!reason) return;
  process.stdout.write(`Bundling the CLI for the tests (${reason}): node scripts/bundle.mjs\n`);
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT, stdio: 'inherit' });
}
