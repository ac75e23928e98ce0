#!/usr/bin/env bash
# Builds the same qemu template from the tiny test ISO (test/support/tiny-iso/build.sh) with Packer 1.6.6 (qemu is
# built in) and with tsbuild, one after the other in one run, under the same accelerator (tcg unless ACCEL is set):
# the boot command is typed at GRUB's prompt over VNC, the guest fetches its SSH key from http_directory, a shell
# provisioner writes a mark to the virtio disk, the VM powers off and the qcow2 disk is compacted. Prints both wall
# times and tsbuild's as a ratio of Packer's (target: at most 0.8), and checks that both disks hold the mark.
# usage: bench/qemu-build.sh [WORKDIR]   (run `npm run build` first; a WORKDIR given is kept)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${1:-}" ]; then
  work=$1
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
packer=$(command -v packer || true)
[ -n "$packer" ] || { echo "packer (1.6.6) is not installed: apt-get install packer" >&2; exit 2; }
iso=$(bash "$root/test/support/tiny-iso/build.sh")
sum=$(sha256sum "$iso" | cut -d' ' -f1)
mark="provisioned-by-the-bench-$$"

cd "$work"
rm -rf http key key.pub ours theirs
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

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
# Runs a build in its own folder, and prints its wall time in seconds.
timed_build() { # folder program...
  local dir=$1 start end
  shift
  mkdir -p "$dir"
  cp template.json "$dir/"
  start=$(now)
  (cd "$dir" && "$@" build -color=false template.json >build.log 2>&1) || { tail -n 30 "$dir/build.log" >&2; return 1; }
  end=$(now)
  calc "$end - $start"
}
# Whether the disk holds the mark at byte 512.
has_mark() {
  qemu-img convert -O raw "$1" "$work/check.raw"
  [ "$(dd if="$work/check.raw" bs=512 skip=1 count=1 2>/dev/null | head -c ${#mark})" = "$mark" ]
}

theirs=$(CHECKPOINT_DISABLE=1 PACKER_CACHE_DIR="$work/theirs-cache" timed_build theirs "$packer")
ours=$(PACKER_CACHE_DIR="$work/ours-cache" TSBUILD_STATE_DIR="$work/state" timed_build ours node "$root/bin/tsbuild.js")
ok=yes
for side in theirs ours; do
  disk="$side/output-tiny/packer-tiny"
  fmt=$(qemu-img info --output=json "$disk" | sed -n 's/.*"format": "\([a-z0-9]*\)".*/\1/p' | head -n 1)
  if [ "$fmt" = qcow2 ] && has_mark "$disk"; then echo "$side: $disk is qcow2 and holds the provisioned mark"; else echo "$side: $disk ($fmt) lacks the provisioned mark" >&2; ok=no; fi
done
rm -f "$work/check.raw"
printf 'packer 1.6.6  %8.2f s\n' "$theirs"
printf 'tsbuild       %8.2f s\n' "$ours"
printf 'ratio         %8.2f  (tsbuild / packer; target <= 0.8)\n' "$(calc "$ours / $theirs")"
[ "$ok" = yes ]
