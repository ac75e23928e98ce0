#!/usr/bin/env node
// Loads the bundled CLI with V8's code cache (dist/bundle/main.cjs.cache, written by `npm run build`), so that a
// command does not compile the bundle again; a missing or stale cache only costs that time. This file is CommonJS
// (bin/package.json), which spares Node from setting up its ES module loader at every start.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire, Module } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const file = join(__dirname, '../dist/bundle/main.cjs');
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {}
// Dynamic import() inside the bundle (external packages) goes to Node's own loader.
const importModuleDynamically = vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData, importModuleDynamically });
const bundle = { exports: {} };
script.runInThisContext().call(bundle.exports, bundle.exports, createRequire(file), bundle, file, dirname(file));
bundle.exports
  .main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() })
  .then((code) => {
    if (process.env.TSBUILD_WRITE_CODE_CACHE === '1') writeFileSync(cacheFile, script.createCachedData());
    process.exitCode = code;
  });
