// Bundles the CLI into dist/bundle so that a command starts by reading a few files instead of resolving and
// compiling a hundred modules (about 55 ms saved per run). Cloud SDKs, Docker and SSH clients stay outside the
// bundle and load only when a template uses them.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  minify: true,
  sourcemap: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['dockerode', 'ssh2', 'cpu-features', '@aws-sdk/*', '@azure/*', '@google-cloud/*', 'better-sqlite3', 'pg'],
  banner: { js: "import { createRequire as __tsbuildRequire } from 'node:module'; const require = __tsbuildRequire(import.meta.url);" },
  logLevel: 'warning',
});
