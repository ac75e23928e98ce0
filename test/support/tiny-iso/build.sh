#!/usr/bin/env bash
# Builds, offline and from Debian's packages only, a tiny bootable ISO for the ISO builders' tests, and prints its path.
#
# What it holds: Debian's kernel (the newest /boot/vmlinuz-*, from linux-image-amd64), an initramfs with busybox-static,
# dropbear (dropbear-bin, with the libraries it links) and the modules for e1000/virtio NICs and virtio disks, and a GRUB
# menu (grub-mkrescue: grub-pc-bin, grub-common, xorriso, mtools) that waits at its menu forever.
#
# What it does when booted (QEMU user-mode network): the guest takes 10.0.2.15/24 with gateway 10.0.2.2; when the
# kernel command line has `tsbuild.key=URL`, it fetches URL with busybox wget into /root/.ssh/authorized_keys and starts
# dropbear on port 22 (root, key only). The menu's entry passes no key, so SSH only lets in a client whose key came
# through a command line typed at GRUB's prompt (`c`), such as (one line: GRUB reads no keys while it loads a file,
# and the keyboard buffer holds only 15):
#   linux /boot/vmlinuz console=ttyS0 tsbuild.key=http://10.0.2.2:8080/key; initrd /boot/initrd.gz; boot<enter>
# Files go over SCP (OpenSSH's scp, copied from the host, is /usr/bin/scp: the shell provisioner uploads its scripts).
# Progress lines on the serial console start with "tiny-iso:". `poweroff` (busybox init) stops the VM. A virtio disk
# is /dev/vda (a provisioner can write to it raw, e.g. with dd); NICs: e1000 or virtio-net.
#
# The ISO is cached by the content of its inputs (this script, the kernel, its modules, busybox, dropbear, GRUB's
# version) in $TSBUILD_FIXTURE_CACHE, else node_modules/.cache/tsbuild-fixtures of the repository: built once per machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
cache="${TSBUILD_FIXTURE_CACHE:-$repo/node_modules/.cache/tsbuild-fixtures}"

missing=()
for c in grub-mkrescue xorriso mformat cpio gzip; do command -v "$c" >/dev/null 2>&1 || missing+=("$c"); done
[ -x /usr/sbin/dropbear ] || missing+=(dropbear-bin)
[ -x /usr/bin/scp ] || missing+=(openssh-client)
[ -x /bin/busybox ] || missing+=(busybox-static)
[ -d /usr/lib/grub/i386-pc ] || missing+=(grub-pc-bin)
kernel="$(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1 || true)"
[ -n "$kernel" ] || missing+=(linux-image-amd64)
if [ ${#missing[@]} -gt 0 ]; then
  echo "tiny-iso: missing ${missing[*]}; install them (apt-get install grub-pc-bin grub-common xorriso mtools cpio dropbear-bin openssh-client busybox-static linux-image-amd64)" >&2
  exit 2
fi
kver="${kernel#/boot/vmlinuz-}"
moddir="/lib/modules/$kver"
modules=(e1000 virtio_pci virtio_net virtio_blk)

# The modules' files with their dependencies, as modules.dep lists them.
module_files() {
  for m in "${modules[@]}"; do
    grep -E "(^|/)${m}\.ko:" "$moddir/modules.dep" | tr -d ':' | tr ' ' '\n'
  done | sed '/^$/d' | sort -u
}

# Contents only (sha256sum also prints the names, which differ with the way the script is called).
key="$( {
  sha256sum "$0" "$kernel" /bin/busybox /usr/sbin/dropbear /usr/bin/scp | cut -d' ' -f1
  (cd "$moddir" && module_files | xargs sha256sum | cut -d' ' -f1)
  dpkg-query -W grub-pc-bin grub-common xorriso 2>/dev/null || true
} | sha256sum | cut -c1-16)"
iso="$cache/tiny-$key.iso"
if [ -s "$iso" ]; then
  echo "$iso"
  exit 0
fi

mkdir -p "$cache"
work="$(mktemp -d "$cache/.build-XXXXXX")"
trap 'rm -rf "$work"' EXIT
root="$work/initramfs"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc/dropbear,etc/init.d,proc,sys,dev,tmp,root/.ssh,lib64,lib/x86_64-linux-gnu,var/log}
chmod 700 "$root/root" "$root/root/.ssh"

cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list-full); do
  [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done
ln -sf /bin/busybox "$root/init"

cp /usr/sbin/dropbear "$root/usr/sbin/dropbear"
rm -f "$root/usr/bin/scp"
cp /usr/bin/scp "$root/usr/bin/scp"
for lib in $( (ldd /usr/sbin/dropbear; ldd /usr/bin/scp) | grep -o '/[^ ]*' | sort -u); do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

mkdir -p "$root$moddir"
(cd "$moddir" && module_files | while read -r f; do mkdir -p "$root$moddir/$(dirname "$f")"; cp "$f" "$root$moddir/$f"; done)
for m in "${modules[@]}"; do grep -E "(^|/)${m}\.ko:" "$moddir/modules.dep"; done > "$root$moddir/modules.dep"
# Lines for the dependencies too, so that modprobe finds each file.
(cd "$moddir" && module_files | while read -r f; do grep -E "^$f:" modules.dep; done) | sort -u >> "$root$moddir/modules.dep"
sort -u -o "$root$moddir/modules.dep" "$root$moddir/modules.dep"

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
PASSWD
echo 'root:x:0:' > "$root/etc/group"
echo /bin/sh > "$root/etc/shells"
cat > "$root/etc/inittab" <<'INITTAB'
::sysinit:/etc/init.d/rcS
ttyS0::respawn:/bin/sh -c 'exec /bin/sh </dev/ttyS0 >/dev/ttyS0 2>&1'
::ctrlaltdel:/sbin/reboot
::shutdown:/bin/umount -a -r
INITTAB
cat > "$root/etc/init.d/rcS" <<'RCS'
#!/bin/sh
say() { echo "tiny-iso: $*" > /dev/console; }
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
mkdir -p /dev/pts
mount -t devpts devpts /dev/pts
for m in e1000 virtio_pci virtio_net virtio_blk; do modprobe "$m" 2>/dev/null; done
ip link set lo up
ip addr add 10.0.2.15/24 dev eth0 && ip link set eth0 up && ip route add default via 10.0.2.2 && say "network up: 10.0.2.15"
url=""
for word in $(cat /proc/cmdline); do
  case "$word" in tsbuild.key=*) url="${word#tsbuild.key=}" ;; esac
done
if [ -z "$url" ]; then
  say "no tsbuild.key= on the kernel command line: no SSH server"
  exit 0
fi
tries=0
until wget -q -O /root/.ssh/authorized_keys "$url"; do
  tries=$((tries + 1))
  if [ "$tries" -ge 30 ]; then say "could not fetch $url"; exit 0; fi
  sleep 1
done
chmod 600 /root/.ssh/authorized_keys
say "fetched $url"
dropbear -R -s -p 22 && say "ssh server started"
RCS
chmod 755 "$root/etc/init.d/rcS"

mkdir -p "$work/iso/boot/grub"
cp "$kernel" "$work/iso/boot/vmlinuz"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -9) > "$work/iso/boot/initrd.gz"
# The menu is also drawn on the serial port: a test sees it there (the entry's title) before it types.
cat > "$work/iso/boot/grub/grub.cfg" <<'GRUB'
serial --unit=0 --speed=115200
terminal_input console serial
terminal_output console serial
set timeout=-1
set default=0
menuentry "tiny (no SSH key: type a command line at the prompt, key c)" {
  linux /boot/vmlinuz console=ttyS0
  initrd /boot/initrd.gz
}
GRUB
grub-mkrescue -o "$work/tiny.iso" "$work/iso" >/dev/null 2>"$work/mkrescue.log" || { cat "$work/mkrescue.log" >&2; exit 1; }
mv "$work/tiny.iso" "$iso"
echo "$iso"
