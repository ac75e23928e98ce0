#!/usr/bin/env bash
# Installs dependencies, builds tsbuild, and runs a build of the example template (null and file builders,
# shell-local provisioner, manifest post-processor: no cloud account needed), then evaluates two expressions in it.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm run build
cd examples/hello
node ../../bin/tsbuild.js validate .
node ../../bin/tsbuild.js build -force .
echo '--- manifest.json:'
cat manifest.json
echo
printf 'local.shout\nvar.api_token\n' | node ../../bin/tsbuild.js console .
