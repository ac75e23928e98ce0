#!/usr/bin/env bash
# Makes a Docker Engine available for the docker builder's tests and benchmark, offline:
#  1. installs Debian's docker.io, docker-registry and busybox-static when missing (root and apt-get needed);
#  2. starts dockerd when no daemon answers (as root, without iptables and bridge, which works in containers);
#  3. builds the base image tsbuild-test/busybox:latest with `docker import` of a busybox root filesystem.
# Idempotent: each part is skipped when already done. Prints the daemon's log when it does not come up.
set -euo pipefail

IMAGE="${TSBUILD_TEST_IMAGE:-tsbuild-test/busybox:latest}"
SOCKET=/var/run/docker.sock
# Debian's client first: it matches the daemon's API version.
DOCKER=/usr/bin/docker
[ -x "$DOCKER" ] || DOCKER=docker

say() { echo "setup-docker: $*" >&2; }

install_missing() {
  local need=()
  command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
  command -v docker-registry >/dev/null 2>&1 || [ -x /usr/bin/docker-registry ] || need+=(docker-registry)
  [ -x /bin/busybox ] && file_is_static /bin/busybox || need+=(busybox-static)
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "cannot install ${need[*]}: run as root on Debian, or install them yourself"
    exit 1
  fi
  say "installing ${need[*]}"
  apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  [ -x /usr/bin/docker ] && DOCKER=/usr/bin/docker
}

file_is_static() {
  # busybox-static replaces the dynamic busybox; a dynamic one would not run inside the image.
  ! ldd "$1" >/dev/null 2>&1
}

daemon_answers() {
  "$DOCKER" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

start_daemon() {
  daemon_answers && return 0
  if [ "$(id -u)" != 0 ]; then
    say "no Docker daemon answers on $SOCKET and only root can start one here"
    exit 1
  fi
  local log
  log="$(mktemp /tmp/dockerd.XXXXXX.log)"
  say "starting dockerd (log: $log)"
  setsid nohup dockerd --iptables=false --bridge=none >"$log" 2>&1 < /dev/null &
  for _ in $(seq 1 150); do
    daemon_answers && return 0
    sleep 0.2
  done
  say "dockerd did not answer within 30 s; its log:"
  tail -n 40 "$log" >&2
  exit 1
}

build_base_image() {
  "$DOCKER" image inspect "$IMAGE" >/dev/null 2>&1 && return 0
  say "building $IMAGE from busybox-static"
  local root
  root="$(mktemp -d)"
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,home,var/tmp}
  chmod 1777 "$root/tmp" "$root/var/tmp"
  cp /bin/busybox "$root/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  tar -C "$root" -c . | "$DOCKER" import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' - "$IMAGE" >/dev/null
  rm -rf "$root"
}

install_missing
start_daemon
build_base_image
say "ready: $("$DOCKER" version --format 'Docker Engine {{.Server.Version}} (API {{.Server.APIVersion}})'), image $IMAGE"
