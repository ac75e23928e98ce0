#!/usr/bin/env node
// Loads the bundled CLI with V8's code cache (dist/bundle/main.cjs.cache, written by `npm run build`), so that a
// command does not compile the bundle again; a missing or stale cache only costs that time. This file is CommonJS
// (bin/package.json), which spares Node from setting up its ES module loader at every start.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire, Module } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

// libuv's thread pool runs zlib, crypto and file work, with 4 threads unless UV_THREADPOOL_SIZE says otherwise:
// compress deflates on every core through it, so it gets a thread per core and two for file reads and writes. The
// pool reads the variable when it starts, at its first job (the stat below); it is then removed again, so that
// commands tsbuild runs (shell-local, provisioners) see the environment they were given.
if (process.env.UV_THREADPOOL_SIZE === undefined) {
  process.env.UV_THREADPOOL_SIZE = String(Math.max(4, require('node:os').availableParallelism() + 2));
  require('node:fs').stat(__filename, () => {});
  delete process.env.UV_THREADPOOL_SIZE;
}

// Ctrl-C and SIGTERM are caught from the first line: a signal that arrives before a command listens (while the
// bundle loads, while a template is read) is kept and given to the command's first listener, so that a build
// cancels cleanly instead of dying by the signal. Commands that do not listen release them (see src/cli/main.ts):
// a kept signal, and any later one, is then raised again with its usual effect.
const signals = (() => {
  let pending = [];
  let released = false;
  const listeners = { SIGINT: new Set(), SIGTERM: new Set() };
  const raise = (sig) => {
    process.off('SIGINT', deliver);
    process.off('SIGTERM', deliver);
    process.kill(process.pid, sig);
  };
  const deliver = (sig) => {
    if (released) raise(sig);
    else if (listeners[sig].size > 0) for (const h of [...listeners[sig]]) h();
    else pending.push(sig);
  };
  process.on('SIGINT', deliver);
  process.on('SIGTERM', deliver);
  return {
    on(sig, handler) {
      listeners[sig].add(handler);
      const kept = pending.filter((s) => s === sig);
      pending = pending.filter((s) => s !== sig);
      for (const _ of kept) handler();
    },
    off(sig, handler) {
      listeners[sig].delete(handler);
    },
    release() {
      released = true;
      if (pending.length > 0) raise(pending[0]);
    },
  };
})();

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
  .main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(), signals })
  .then((code) => {
    if (process.env.TSBUILD_WRITE_CODE_CACHE === '1') writeFileSync(cacheFile, script.createCachedData());
    process.exitCode = code;
  });
