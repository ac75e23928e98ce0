#!/usr/bin/env bash
# The same docker template built by tsbuild and by Packer 1.6.6 (/usr/bin/packer, whose docker builder runs the
# docker command for every step) on the same Docker Engine, alternately, ROUNDS times each. Prints each wall
# time, the medians and the ratio tsbuild / Packer (target: at most 0.5).
# Needs the engine and base image of scripts/setup-docker.sh and a built tsbuild (npm run build).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
ROUNDS="${ROUNDS:-5}"
PACKER="${PACKER:-/usr/bin/packer}"
IMAGE="${TSBUILD_TEST_IMAGE:-tsbuild-test/busybox:latest}"
# Debian's docker client first, for Packer: it matches the daemon's API version.
export PATH="/usr/bin:$PATH"

[ -x "$PACKER" ] || { echo "bench: Packer not found at $PACKER" >&2; exit 1; }
[ -f dist/bundle/main.cjs ] || { echo "bench: run npm run build first" >&2; exit 1; }
docker image inspect "$IMAGE" >/dev/null 2>&1 || { echo "bench: no $IMAGE: run scripts/setup-docker.sh" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/files/conf"
printf 'server {\n  listen 8080;\n}\n' >"$WORK/files/conf/site.conf"
printf 'log_level=info\n' >"$WORK/files/conf/app.env"
head -c 262144 /dev/urandom >"$WORK/files/payload.bin"
cat >"$WORK/setup.sh" <<'EOF'
#!/bin/sh
set -e
mkdir -p /opt/app/bin
echo '#!/bin/sh' > /opt/app/bin/start
echo 'exec echo started' >> /opt/app/bin/start
chmod +x /opt/app/bin/start
EOF
cat >"$WORK/bench.pkr.hcl" <<EOF
source "docker" "app" {
  image   = "$IMAGE"
  pull    = false
  commit  = true
  changes = ["ENV APP_HOME=/opt/app", "CMD [\"/opt/app/bin/start\"]", "LABEL bench=docker-build"]
}
build {
  sources = ["source.docker.app"]
  provisioner "shell" {
    inline = ["mkdir -p /opt/app/conf /var/log/app", "adduser -D -H app 2>/dev/null || true"]
  }
  provisioner "file" {
    source      = "files/conf/"
    destination = "/opt/app/conf"
  }
  provisioner "file" {
    source      = "files/payload.bin"
    destination = "/opt/app/payload.bin"
  }
  provisioner "shell" {
    script           = "setup.sh"
    environment_vars = ["APP_ENV=production", "APP_VERSION=1.2.3"]
  }
  provisioner "shell" {
    inline = ["echo \$APP_ENV > /opt/app/env", "ls -la /opt/app"]
    environment_vars = ["APP_ENV=production"]
  }
  provisioner "shell" {
    inline = ["rm -rf /var/cache/* 2>/dev/null || true", "sync"]
  }
  post-processor "docker-tag" {
    repository = "tsbuild-bench/app"
    tags       = ["latest", "1.2.3"]
  }
}
EOF

now() { date +%s.%N; }
run_tsbuild() { (cd "$WORK" && node "$ROOT/bin/tsbuild.js" build -color=false bench.pkr.hcl >"$WORK/tsbuild.log" 2>&1); }
run_packer() { (cd "$WORK" && PACKER_CACHE_DIR="$WORK/packer_cache" "$PACKER" build -color=false bench.pkr.hcl >"$WORK/packer.log" 2>&1); }

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# One unmeasured run each: disk caches, the daemon's layer cache.
run_tsbuild || { cat "$WORK/tsbuild.log" >&2; exit 1; }
run_packer || { cat "$WORK/packer.log" >&2; exit 1; }

: >"$WORK/t.times"
: >"$WORK/p.times"
for i in $(seq 1 "$ROUNDS"); do
  s=$(now); run_tsbuild || { cat "$WORK/tsbuild.log" >&2; exit 1; }; e=$(now)
  t=$(echo "$e - $s" | bc -l); echo "$t" >>"$WORK/t.times"
  s=$(now); run_packer || { cat "$WORK/packer.log" >&2; exit 1; }; e=$(now)
  p=$(echo "$e - $s" | bc -l); echo "$p" >>"$WORK/p.times"
  printf 'round %d: tsbuild %.3f s, packer %.3f s\n' "$i" "$t" "$p"
done
docker rmi tsbuild-bench/app:latest tsbuild-bench/app:1.2.3 >/dev/null 2>&1 || true

T=$(median <"$WORK/t.times")
P=$(median <"$WORK/p.times")
printf 'median wall time: tsbuild %.3f s, packer %.3f s\n' "$T" "$P"
printf 'ratio tsbuild/packer: %.2f (target <= 0.50)\n' "$(echo "$T / $P" | bc -l)"
