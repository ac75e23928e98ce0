#!/usr/bin/env bash
# Installs dependencies, builds tsbuild, and runs it on the example template (no cloud account needed).
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm run build
node bin/tsbuild.js validate examples/hello
printf 'local.shout\nvar.api_token\n' | node bin/tsbuild.js console examples/hello
