#!/usr/bin/env bash
# Times tsbuild's compress and checksum post-processors on a 1 GiB artifact of mixed data (binaries of /usr/bin and
# generated text, the same bytes on every run on a machine: bench/mixed-data.mjs), in one run, beside Packer 1.6.6's
# (a null build whose artifice post-processor names the file) and the best command-line tools:
#   1. compress to .tar.gz at level 6: tsbuild, Packer, `tar | pigz -p2 -6`
#      (targets: tsbuild no slower than Packer, its archive at most 2% larger);
#   2. checksum sha256: tsbuild, Packer, `openssl dgst -sha256` (target: at least 0.9 of openssl's throughput).
# usage: bench/compress.sh [WORKDIR [SIZE_MIB]]   (run `npm run build` first; a WORKDIR given is kept, and its data
# file is used again when it has the right size; Packer and pigz are optional: pigz is installed when root can)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size_mib=${2:-1024}
if [ -n "${1:-}" ]; then
  work=$1
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
packer=$(command -v packer || true)
if ! command -v pigz >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pigz >/dev/null 2>&1 || true
fi
pigz=$(command -v pigz || true)

cd "$work"
if [ "$(stat -c %s data.img 2>/dev/null || echo 0)" != $((size_mib << 20)) ]; then
  echo "making data.img ($size_mib MiB of mixed data)..."
  node "$root/bench/mixed-data.mjs" data.img "$size_mib"
fi
cat data.img >/dev/null # every contender reads from the page cache

# One template for both programs: the null builder, artifice naming data.img (kept), then the post-processor.
template() {
  cat <<JSON
{"builders":[{"type":"null","communicator":"none"}],
 "post-processors":[[{"type":"artifice","files":["data.img"],"keep_input_artifact":true},$1]]}
JSON
}
template '{"type":"compress","output":"OUT","compression_level":6,"keep_input_artifact":true}' >compress.json
template '{"type":"checksum","checksum_types":["sha256"],"output":"OUT"}' >checksum.json

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }
# Runs a command, quietly, and prints its wall time in seconds.
timed() {
  local start end
  start=$(now)
  "$@" >/dev/null 2>"$work/last.err" || {
    cat "$work/last.err" >&2
    return 1
  }
  end=$(now)
  calc "$end - $start"
}
size_of() { stat -c %s "$1"; }
ratio() { calc "$1 / $2"; }
row() { printf '%-34s %8.2f s %12s bytes  %6.2f%% of input\n' "$1" "$2" "$3" "$(calc "100 * $3 / $((size_mib << 20))")"; }

run_template() { # program template output
  sed "s#OUT#$3#" "$2" >run.json
  rm -f "$3"
  CHECKPOINT_DISABLE=1 timed "$1" build -color=false run.json
}

echo "== compress to .tar.gz, level 6, $size_mib MiB, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
# run_template takes one program: a wrapper runs tsbuild's.
cat >tsbuild.sh <<SH
#!/bin/sh
exec node "$root/bin/tsbuild.js" "\$@"
SH
chmod +x tsbuild.sh
t_ts=$(run_template ./tsbuild.sh compress.json ts.tar.gz)
gzip -t ts.tar.gz
s_ts=$(size_of ts.tar.gz)
row "tsbuild compress" "$t_ts" "$s_ts"
if [ -n "$packer" ]; then
  t_pk=$(run_template "$packer" compress.json packer.tar.gz)
  s_pk=$(size_of packer.tar.gz)
  row "packer 1.6.6 compress" "$t_pk" "$s_pk"
fi
if [ -n "$pigz" ]; then
  t_pz=$(timed sh -c "tar -cf - data.img | pigz -p2 -6 > pigz.tar.gz")
  s_pz=$(size_of pigz.tar.gz)
  row "tar | pigz -p2 -6" "$t_pz" "$s_pz"
fi
rm -f ts.tar.gz packer.tar.gz pigz.tar.gz

echo "== checksum sha256"
t_cts=$(run_template ./tsbuild.sh checksum.json ts.sha256)
t_ossl=$(timed openssl dgst -sha256 data.img)
mib() { calc "$size_mib / $1"; }
printf '%-34s %8.2f s %8.1f MiB/s\n' "tsbuild checksum" "$t_cts" "$(mib "$t_cts")"
printf '%-34s %8.2f s %8.1f MiB/s\n' "openssl dgst -sha256" "$t_ossl" "$(mib "$t_ossl")"
if [ -n "$packer" ]; then
  t_cpk=$(run_template "$packer" checksum.json packer.sha256)
  printf '%-34s %8.2f s %8.1f MiB/s\n' "packer 1.6.6 checksum" "$t_cpk" "$(mib "$t_cpk")"
  [ "$(cut -f1 ts.sha256)" = "$(cut -f1 packer.sha256)" ] || echo "DIFFERENT sha256 from Packer's" >&2
fi

echo "== ratios"
if [ -n "$packer" ]; then
  echo "compress time, tsbuild / packer: $(ratio "$t_ts" "$t_pk") (target <= 1)"
  echo "archive size, tsbuild / packer:  $(ratio "$s_ts" "$s_pk") (target <= 1.02)"
fi
[ -n "$pigz" ] && echo "compress time, tsbuild / pigz -p2: $(ratio "$t_ts" "$t_pz"); size: $(ratio "$s_ts" "$s_pz")"
echo "checksum throughput, tsbuild / openssl: $(ratio "$t_ossl" "$t_cts") (target >= 0.9)"
[ -n "$packer" ] && echo "checksum time, tsbuild / packer: $(ratio "$t_cts" "$t_cpk")"
exit 0
