#!/usr/bin/env bash
# The same amazon-ebs template (temporary key pair, one shell provisioner) built by Packer 1.6.6 and by tsbuild
# against the EC2 emulator of test/support/ec2-emulator with scaled state-change delays (instances run, stop and
# terminate after 3 s, AMIs are available after 20 s) and a real sshd for the instance; each with its default
# polling (Packer's waiters check every 15 s). Prints each wall time, the medians and the ratio tsbuild / Packer
# (target: at most 0.7), and fails when a build fails or leaves anything besides its AMI and snapshot.
# usage: bench/ebs-build.sh [ROUNDS]   (default 1; a Packer build takes over a minute; needs root for the sshd,
# Packer at /usr/bin/packer, and `npm run build` first)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/bundle/main.cjs ] || { echo "bench: run npm run build first" >&2; exit 1; }
[ -x "${TSBUILD_TEST_PACKER:-/usr/bin/packer}" ] || { echo "bench: Packer not found" >&2; exit 1; }
exec npx tsx bench/ebs-build.ts "${1:-${ROUNDS:-1}}"
