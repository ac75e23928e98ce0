// Bundles the CLI into one CommonJS file, dist/bundle/main.cjs, that bin/tsbuild.js loads with a V8 code cache:
// a command then starts without resolving a hundred modules or compiling the bundle again (about 75 ms less per
// run than loading the compiled modules one by one). Docker, SSH and cloud clients stay outside the bundle and load
// only when a template uses them. The registry's web page (registry/web/) goes in as strings, so that the bundle
// serves it with no file beside it. After bundling, a warm-up run writes the code cache next to the bundle.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

rmSync('dist/bundle', { recursive: true, force: true });
const webFiles = Object.fromEntries(readdirSync('registry/web').map((name) => [name, readFileSync(join('registry/web', name), 'utf8')]));
await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/bundle/main.cjs',
  bundle: true,
  minify: true,
  sourcemap: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // yaml and bcryptjs load on first use (src/util/lazy-require.ts); the registry's libraries only for `tsbuild registry`.
  external: ['yaml', 'bcryptjs', 'dockerode', 'ssh2', 'cpu-features', '@aws-sdk/*', '@azure/*', '@google-cloud/*', 'google-gax', 'better-sqlite3', 'pg', 'hono', 'hono/*', '@hono/*', 'kysely', 'ulid', 'lz4-napi'],
  define: { 'import.meta.url': '__tsbuildModuleUrl', __TSBUILD_WEB_FILES__: JSON.stringify(webFiles) },
  banner: { js: 'const __tsbuildModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});

// Warm-up: validate and build a small template, so that the cache holds the code a build runs.
rmSync('dist/bundle/main.cjs.cache', { force: true });
const dir = mkdtempSync(join(tmpdir(), 'tsbuild-warm-'));
writeFileSync(
  join(dir, 'warm.pkr.hcl'),
  'variable "v" { default = "x" }\nsource "null" "n" { communicator = "none" }\nbuild {\n  sources = ["source.null.n"]\n  provisioner "shell-local" { inline = ["true ${upper(var.v)}"] }\n  post-processor "manifest" { output = "m.json" }\n}\n',
);
const cli = join(process.cwd(), 'bin/tsbuild.js');
try {
  execFileSync(process.execPath, [cli, 'validate', 'warm.pkr.hcl'], { cwd: dir, stdio: 'ignore' });
  execFileSync(process.execPath, [cli, 'build', '-color=false', 'warm.pkr.hcl'], { cwd: dir, stdio: 'ignore', env: { ...process.env, TSBUILD_WRITE_CODE_CACHE: '1' } });
} catch (e) {
  console.warn(`warning: no code cache written (the warm-up build failed: ${e.message}); tsbuild works, only starts slower`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
