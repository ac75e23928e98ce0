#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh Debian machine, then runs every test.
# Installs: Node dependencies (npm ci), and Debian's packer (Packer 1.6.6, the behaviour oracle of several tests);
# python3, make and g++ when missing (npm ci compiles better-sqlite3: no prebuilt binary can be downloaded), and Debian's
# postgresql when no PostgreSQL server binaries are found (the registry tests start their own server, test/support/postgres.ts);
# chromium, the browser the registry page's test drives (test/support/browser.ts).
# Tests that need Packer fail when it is missing here (TSBUILD_REQUIRE_ORACLES=1); run alone, they skip and say why.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-ssh.sh

need_apt=()
command -v packer >/dev/null 2>&1 || need_apt+=(packer)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v make >/dev/null 2>&1 || need_apt+=(make)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# The compress tests check archives with the system's tools; xz is also what tsbuild compresses .xz with.
command -v lz4 >/dev/null 2>&1 || need_apt+=(lz4)
command -v unzip >/dev/null 2>&1 || need_apt+=(unzip)
command -v xz >/dev/null 2>&1 || need_apt+=(xz-utils)
# The azure-arm tests' emulator serves HTTPS with a certificate openssl makes.
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
# The same places test/support/postgres.ts looks in.
if ! command -v initdb >/dev/null 2>&1 && [ ! -x /usr/local/bin/initdb ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need_apt+=(postgresql)
fi
# The ISO builders' tests: QEMU (its VNC server takes the boot command), and what test/support/tiny-iso/build.sh makes
# its bootable ISO from (Debian's kernel, busybox, dropbear, GRUB). Installed without their recommends (desktop parts).
need_apt_lean=()
command -v qemu-system-x86_64 >/dev/null 2>&1 || need_apt_lean+=(qemu-system-x86)
command -v qemu-img >/dev/null 2>&1 || need_apt_lean+=(qemu-utils)
command -v grub-mkrescue >/dev/null 2>&1 || need_apt_lean+=(grub-common)
[ -d /usr/lib/grub/i386-pc ] || need_apt_lean+=(grub-pc-bin)
command -v xorriso >/dev/null 2>&1 || need_apt_lean+=(xorriso)
command -v mformat >/dev/null 2>&1 || need_apt_lean+=(mtools)
command -v cpio >/dev/null 2>&1 || need_apt_lean+=(cpio)
[ -x /usr/sbin/dropbear ] || need_apt_lean+=(dropbear-bin)
[ -x /usr/bin/scp ] || need_apt_lean+=(openssh-client)
[ -x /bin/busybox ] || need_apt_lean+=(busybox-static)
ls /boot/vmlinuz-* >/dev/null 2>&1 || need_apt_lean+=(linux-image-amd64)
if [ ${#need_apt[@]} -gt 0 ] || [ ${#need_apt_lean[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq || true
    [ ${#need_apt[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    [ ${#need_apt_lean[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt_lean[@]}" >/dev/null
  else
    echo "warning: cannot install ${need_apt[*]} ${need_apt_lean[*]} (not root or no apt-get); tests that need them will say so" >&2
  fi
fi

bash scripts/setup-docker.sh
npm ci --no-audit --no-fund
# Type check, compile and bundle; the tests' global setup finds the bundle fresh and does not bundle again.
npm run build
# The tests type-check too (vitest strips types without checking them).
npm run typecheck:tests
# Everything the tests compare with is installed above: a test that needs a missing one fails instead of skipping.
export TSBUILD_REQUIRE_ORACLES=1
npx vitest run
