#!/usr/bin/env node
// Loads the bundled CLI with V8's code cache (dist/bundle/main.cjs.cache, written by `npm run build`), so that a
// command does not compile the bundle again. A missing or stale cache only costs that time.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = join(dirname(fileURLToPath(import.meta.url)), '../dist/bundle/main.cjs');
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {}
// Dynamic import() inside the bundle (external packages) goes to Node's own loader.
const importModuleDynamically = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData, importModuleDynamically });
const module = { exports: {} };
script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
const code = await module.exports.main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
if (process.env.TSBUILD_WRITE_CODE_CACHE === '1') writeFileSync(cacheFile, script.createCachedData());
process.exitCode = code;
