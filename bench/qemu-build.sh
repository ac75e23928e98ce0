#!/usr/bin/env bash
# Builds the same qemu template from the tiny test ISO (test/support/tiny-iso/build.sh) with Packer 1.6.6 (qemu is
# built in) and with tsbuild, under the same accelerator (tcg unless ACCEL is set): the boot command is typed at
# GRUB's prompt over VNC, the guest fetches its SSH key from http_directory, a shell provisioner writes a mark to
# the virtio disk, the VM powers off and the qcow2 disk is compacted.
#
# Each tool builds RUNS times (3 unless set), alternating which goes first in each round, so that a load that comes
# and goes falls on both. Every output line is stamped (seconds since the build started) and the lines both tools
# print (they are Packer's) split each build into phases; the bench prints the median of every phase for both,
# the medians of the wall times and tsbuild's as a ratio of Packer's (target: at most 0.8), `uptime` before and
# after, and checks that every disk holds the mark.
# usage: RUNS=3 bench/qemu-build.sh [WORKDIR]   (run `npm run build` first; a WORKDIR given is kept, with the logs)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${1:-}" ]; then
  work=$1
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
runs=${RUNS:-3}
packer=$(command -v packer || true)
[ -n "$packer" ] || { echo "packer (1.6.6) is not installed: apt-get install packer" >&2; exit 2; }
iso=$(bash "$root/test/support/tiny-iso/build.sh")
sum=$(sha256sum "$iso" | cut -d' ' -f1)
mark="provisioned-by-the-bench-$$"

cd "$work"
rm -rf http key key.pub theirs-* ours-* times
mkdir -p http
ssh-keygen -q -t ed25519 -N '' -f key
cp key.pub http/key
cat >template.json <<JSON
{"builders":[{"type":"qemu","name":"tiny",
  "iso_url":"$iso","iso_checksum":"sha256:$sum",
  "accelerator":"${ACCEL:-tcg}","memory":256,"disk_size":"64M","net_device":"e1000","headless":true,
  "qemuargs":[["-display","none"]],
  "http_directory":"../http",
  "boot_wait":"1s","boot_key_interval":"50ms",
  "boot_command":["c<wait>linux /boot/vmlinuz console=ttyS0 tsbuild.key=http://{{ .HTTPIP }}:{{ .HTTPPort }}/key; initrd /boot/initrd.gz; boot<enter>"],
  "ssh_username":"root","ssh_private_key_file":"../key","ssh_timeout":"5m","ssh_handshake_attempts":1000,
  "shutdown_command":"poweroff"}],
 "provisioners":[{"type":"shell","inline":["printf $mark | dd of=/dev/vda bs=512 seek=1 conv=fsync"]}]}
JSON

# Phases: from the line starting with the marker to the next phase's marker (the lines are Packer's, both print them).
phases=(setup vm-start boot-wait typing ssh-wait provision shutdown convert exit)
markers=('' '==> tiny: Starting VM' '==> tiny: Waiting 1s for boot' '==> tiny: Connecting to VM via VNC' '==> tiny: Waiting for SSH to become available' '==> tiny: Connected to SSH!' '==> tiny: Gracefully halting' '==> tiny: Converting hard drive' "Build 'tiny' finished")

# Runs a build in its own folder with every output line stamped; prints the phase times and the wall time.
timed_build() { # folder program...
  local dir=$1
  shift
  mkdir -p "$dir"
  cp template.json "$dir/"
  (
    cd "$dir"
    perl -MTime::HiRes=time -e '$s = time; $| = 1; open(my $p, "-|", @ARGV) or die; while (<$p>) { printf "%8.3f %s", time - $s, $_ } close($p); printf "%8.3f (exit %d)\n", time - $s, $? >> 8; exit($? >> 8)' \
      -- "$@" build -color=false template.json >build.log 2>&1
  ) || { tail -n 30 "$dir/build.log" >&2; return 1; }
  awk -v markers="$(IFS='|'; echo "${markers[*]}")" '
    BEGIN { n = split(markers, m, "|"); for (i = 1; i <= n; i++) at[i] = -1; at[1] = 0 }
    { t = $1 + 0; line = substr($0, 10); for (i = 2; i <= n; i++) if (at[i] < 0 && index(line, m[i]) == 1) at[i] = t; last = t }
    END { for (i = 1; i <= n; i++) { end = (i < n) ? at[i + 1] : last; printf "%.2f ", (at[i] < 0 || end < 0) ? -1 : end - at[i] } printf "%.2f\n", last }
  ' "$dir/build.log"
}
# Whether the disk holds the mark at byte 512.
has_mark() {
  qemu-img convert -O raw "$1" "$work/check.raw"
  [ "$(dd if="$work/check.raw" bs=512 skip=1 count=1 2>/dev/null | head -c ${#mark})" = "$mark" ]
}
check_disk() { # side folder
  local disk="$2/output-tiny/packer-tiny" fmt
  fmt=$(qemu-img info --output=json "$disk" | sed -n 's/.*"format": "\([a-z0-9]*\)".*/\1/p' | head -n 1)
  if [ "$fmt" = qcow2 ] && has_mark "$disk"; then return 0; fi
  echo "$1: $disk ($fmt) lacks the provisioned mark" >&2
  return 1
}
run_theirs() { CHECKPOINT_DISABLE=1 PACKER_CACHE_DIR="$work/theirs-cache" timed_build "theirs-$1" "$packer" >>times.theirs; }
run_ours() { PACKER_CACHE_DIR="$work/ours-cache" TSBUILD_STATE_DIR="$work/state-$1" timed_build "ours-$1" node "$root/bin/tsbuild.js" >>times.ours; }

echo "uptime before: $(uptime)"
: >times.theirs
: >times.ours
ok=yes
for ((i = 1; i <= runs; i++)); do
  if ((i % 2)); then run_theirs "$i"; run_ours "$i"; else run_ours "$i"; run_theirs "$i"; fi
  check_disk packer "theirs-$i" || ok=no
  check_disk tsbuild "ours-$i" || ok=no
  echo "round $i: packer $(awk '{ print $NF }' <(tail -n 1 times.theirs)) s, tsbuild $(awk '{ print $NF }' <(tail -n 1 times.ours)) s"
done
rm -f "$work/check.raw"
echo "uptime after:  $(uptime)"
[ "$ok" = yes ] && echo "every disk ($runs per tool) is qcow2 and holds the provisioned mark"

# The median of column $1 of a times file.
median() { awk -v c="$1" '{ print $c }' "$2" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '%-10s %10s %10s   (medians of %d runs, seconds)\n' phase packer tsbuild "$runs"
for ((p = 0; p < ${#phases[@]}; p++)); do
  printf '%-10s %10.2f %10.2f\n' "${phases[$p]}" "$(median $((p + 1)) times.theirs)" "$(median $((p + 1)) times.ours)"
done
theirs=$(median $((${#phases[@]} + 1)) times.theirs)
ours=$(median $((${#phases[@]} + 1)) times.ours)
printf '%-10s %10.2f %10.2f\n' total "$theirs" "$ours"
printf 'ratio of medians %.2f  (tsbuild / packer; target <= 0.8)\n' "$(awk "BEGIN { print $ours / $theirs }")"
[ "$ok" = yes ]
