#!/usr/bin/env bash
# Times tsbuild against Packer 1.6.6 on builds that need no cloud, in one run, and prints the ratios:
#   1. a trivial null + file + shell-local + manifest build (target: tsbuild <= 0.4 x Packer's wall time);
#   2. 50 parallel null builds against one (target: <= 1.5 x one build's wall time; peak memory < 150 MB).
# usage: bench/null-build.sh [RUNS]   (run `npm run build` first; Packer is optional)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-10}
tsbuild=(node "$root/bin/tsbuild.js")
packer=$(command -v packer || true)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

mkdir -p "$work/trivial" "$work/one" "$work/fifty"
cat > "$work/trivial/main.pkr.hcl" <<'HCL'
source "null" "n" { communicator = "none" }
source "file" "f" {
  content = "bench"
  target  = "out.txt"
}
build {
  sources = ["source.null.n", "source.file.f"]
  provisioner "shell-local" { inline = ["echo provisioned ${source.name}"] }
  post-processor "manifest" { output = "manifest.json" }
}
HCL

# N null builds, each provisioned by a one-second local command: N in parallel should take about as long as one.
parallel_template() {
  local n=$1 i
  for ((i = 0; i < n; i++)); do echo "source \"null\" \"b$i\" { communicator = \"none\" }"; done
  echo 'build {'
  printf '  sources = ['; for ((i = 0; i < n; i++)); do printf '"source.null.b%d"%s' "$i" "$([ $i -lt $((n - 1)) ] && echo ', ')"; done; echo ']'
  echo '  provisioner "shell-local" { inline = ["sleep 1"] }'
  echo '}'
}
parallel_template 1 > "$work/one/main.pkr.hcl"
parallel_template 50 > "$work/fifty/main.pkr.hcl"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Median wall time (ms) of RUNS builds of the template in folder $1 with the CLI given after it.
median_ms() {
  local dir=$1; shift
  local times=() i t0
  for ((i = 0; i < runs; i++)); do
    t0=$(now_ms)
    (cd "$dir" && "$@" build -color=false -force main.pkr.hcl > /dev/null)
    times+=($(($(now_ms) - t0)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

# Peak resident memory (MB) of one build of the template in folder $1.
peak_mb() {
  local dir=$1; shift
  (cd "$dir" && /usr/bin/time -v "$@" build -color=false -force main.pkr.hcl 2>&1 >/dev/null) | awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "runs per measurement: $runs (median wall time)"
ts_trivial=$(median_ms "$work/trivial" "${tsbuild[@]}")
echo "trivial null+file+shell-local+manifest: tsbuild ${ts_trivial} ms"
if [ -n "$packer" ]; then
  pk_trivial=$(median_ms "$work/trivial" "$packer")
  echo "trivial null+file+shell-local+manifest: packer  ${pk_trivial} ms ($("$packer" version | head -1))"
  echo "RATIO tsbuild/packer wall time: $(ratio "$ts_trivial" "$pk_trivial") (target <= 0.40)"
else
  echo "packer not installed: no comparison"
fi

ts_one=$(median_ms "$work/one" "${tsbuild[@]}")
ts_fifty=$(median_ms "$work/fifty" "${tsbuild[@]}")
echo "null build with a 1 s provisioner: 1 build ${ts_one} ms, 50 parallel builds ${ts_fifty} ms"
echo "RATIO 50 builds / 1 build wall time: $(ratio "$ts_fifty" "$ts_one") (target <= 1.50)"
echo "PEAK RSS of 50 parallel builds: $(peak_mb "$work/fifty" "${tsbuild[@]}") MB (target < 150)"
if [ -n "$packer" ]; then
  pk_fifty=$(median_ms "$work/fifty" "$packer")
  echo "packer, 50 parallel builds: ${pk_fifty} ms; peak RSS $(peak_mb "$work/fifty" "$packer") MB (packer's main process)"
fi
