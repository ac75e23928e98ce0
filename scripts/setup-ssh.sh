#!/usr/bin/env bash
# Makes OpenSSH and Ansible available for the SSH communicator's and the Ansible provisioners' tests and benchmark:
# installs Debian's openssh-server, openssh-client and ansible when missing (root and apt-get needed).
# The tests start their own sshd on loopback ports (test/support/sshd.ts); nothing is started here.
# Idempotent: does nothing when everything is there.
set -euo pipefail

say() { echo "setup-ssh: $*" >&2; }

need=()
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh >/dev/null 2>&1 && command -v scp >/dev/null 2>&1 && command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)
command -v ansible-playbook >/dev/null 2>&1 || need+=(ansible)
[ ${#need[@]} -eq 0 ] && { say "ready: $(ssh -V 2>&1), $(ansible-playbook --version 2>/dev/null | head -n 1)"; exit 0; }

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  say "cannot install ${need[*]}: run as root on Debian, or install them yourself"
  exit 1
fi
say "installing ${need[*]}"
apt-get update -qq || true
# policy-rc.d keeps the package from starting a system sshd (the tests run their own).
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && made_policy=1
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
[ "$made_policy" = 1 ] && rm -f "$policy"
say "ready: $(ssh -V 2>&1), $(ansible-playbook --version 2>/dev/null | head -n 1)"
