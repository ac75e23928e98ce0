#!/usr/bin/env bash
# Uploads 1 GiB over loopback SSH three ways in the same run and prints throughput and ratios:
#   tsbuild's file provisioner (null builder with SSH), the OpenSSH `scp` program, and Packer 1.6.6 (the same
#   template). Also times tsbuild handing the file to OpenSSH's scp (TSBUILD_SSH_OPENSSH=1), for information.
# Needs root (it starts its own sshd on a loopback port), openssh-server (scripts/setup-ssh.sh) and a built
# tsbuild (npm run build). Packer is skipped with a note when /usr/bin/packer is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB="${SIZE_MIB:-1024}"
work="$(mktemp -d /tmp/tsbuild-bench-ssh.XXXXXX)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/id_ed25519"
cp "$work/id_ed25519.pub" "$work/authorized_keys"
mkdir -p /run/sshd "$work/dst"
port=$((20000 + RANDOM % 30000))
cat >"$work/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $work/host_key
PidFile $work/sshd.pid
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin yes
StrictModes no
UsePAM no
Subsystem sftp /usr/lib/openssh/sftp-server
CONF
/usr/sbin/sshd -D -f "$work/sshd_config" -E "$work/sshd.log" &
pid=$!
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done

echo "bench: writing ${SIZE_MIB} MiB of random data" >&2
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$work/big.bin"

cat >"$work/build.pkr.hcl" <<HCL
source "null" "bench" {
  communicator         = "ssh"
  ssh_host             = "127.0.0.1"
  ssh_port             = $port
  ssh_username         = "root"
  ssh_private_key_file = "$work/id_ed25519"
}
build {
  sources = ["source.null.bench"]
  provisioner "file" {
    source      = "$work/big.bin"
    destination = "$work/dst/big.bin"
  }
}
HCL

now() { date +%s.%N; }
seconds() { echo "$2 - $1" | bc -l; }
rate() { echo "scale=1; $SIZE_MIB / $1" | bc -l; }
check() { cmp -s "$work/big.bin" "$work/dst/big.bin" || { echo "bench: $1 upload differs from the source" >&2; exit 1; }; rm -f "$work/dst/big.bin"; }

sync
t0=$(now); scp -O -q -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -i "$work/id_ed25519" -P "$port" "$work/big.bin" "root@127.0.0.1:$work/dst/big.bin"; t1=$(now)
scp_s=$(seconds "$t0" "$t1"); check scp

t0=$(now); (cd "$work" && node "$OLDPWD/bin/tsbuild.js" build -color=false . >"$work/tsbuild.log" 2>&1) || { cat "$work/tsbuild.log"; exit 1; }; t1=$(now)
ts_s=$(seconds "$t0" "$t1"); check tsbuild

t0=$(now); (cd "$work" && TSBUILD_SSH_OPENSSH=1 node "$OLDPWD/bin/tsbuild.js" build -color=false . >"$work/tsbuild2.log" 2>&1) || { cat "$work/tsbuild2.log"; exit 1; }; t1=$(now)
ssh2_s=$(seconds "$t0" "$t1"); check "tsbuild (OpenSSH scp)"

packer_s=""
if [ -x /usr/bin/packer ]; then
  t0=$(now); (cd "$work" && PACKER_LOG=0 CHECKPOINT_DISABLE=1 /usr/bin/packer build -color=false build.pkr.hcl >"$work/packer.log" 2>&1) || { cat "$work/packer.log"; exit 1; }; t1=$(now)
  packer_s=$(seconds "$t0" "$t1"); check packer
fi

printf 'upload of %s MiB over loopback SSH (whole command, connection included)\n' "$SIZE_MIB"
printf '  scp -O                 %6.2f s  %7.1f MiB/s\n' "$scp_s" "$(rate "$scp_s")"
printf '  tsbuild file (ssh2)    %6.2f s  %7.1f MiB/s\n' "$ts_s" "$(rate "$ts_s")"
printf '  tsbuild + OpenSSH scp  %6.2f s  %7.1f MiB/s\n' "$ssh2_s" "$(rate "$ssh2_s")"
[ -n "$packer_s" ] && printf '  packer 1.6.6 file      %6.2f s  %7.1f MiB/s\n' "$packer_s" "$(rate "$packer_s")"
printf 'ratio tsbuild/scp (throughput): %.2f (target >= 0.8)\n' "$(echo "$scp_s / $ts_s" | bc -l)"
printf 'ratio tsbuild+OpenSSH scp/scp:  %.2f\n' "$(echo "$scp_s / $ssh2_s" | bc -l)"
[ -n "$packer_s" ] && printf 'ratio tsbuild/packer (throughput): %.2f\n' "$(echo "$packer_s / $ts_s" | bc -l)"
exit 0
