// How Packer finds addresses on VMware Workstation/Player for Linux, from VMware's own network files under
// /etc/vmware (TSBUILD_VMWARE_CONFIG_DIR elsewhere): netmap.conf maps network names (nat, hostonly, bridged) to
// devices (vmnet8...); <device>/dhcpd/dhcpd.conf gives the host's address on that network (the machine reaches
// the build's HTTP server there); <device>/dhcpd/dhcpd.leases gives the machine's address for its MAC address.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const vmwareConfigDir = (env: Readonly<Record<string, string | undefined>>) => env.TSBUILD_VMWARE_CONFIG_DIR || '/etc/vmware';

/** `networkN.name` / `networkN.device` pairs of netmap.conf. */
export async function readNetmap(dir: string): Promise<{ name: string; device: string }[]> {
  const text = await readFile(join(dir, 'netmap.conf'), 'utf8');
  const byIndex = new Map<string, { name: string; device: string }>();
  for (const line of text.split('\n')) {
    const m = /^\s*network(\d+)\.(name|device)\s*=\s*"?([^"]*)"?\s*$/.exec(line);
    if (!m) continue;
    const e = byIndex.get(m[1]!) ?? { name: '', device: '' };
    e[m[2] as 'name' | 'device'] = m[3]!;
    byIndex.set(m[1]!, e);
  }
  return [...byIndex.values()];
}

/** The devices of network `name` (case-insensitive), or none when netmap.conf does not know it (a device name). */
export async function devicesOf(dir: string, name: string): Promise<string[]> {
  const map = await readNetmap(dir).catch(() => []);
  return map.filter((e) => e.name.toLowerCase() === name.toLowerCase()).map((e) => e.device);
}

/** The host's address on `device`: the fixed-address of `host <device> { ... }` in its dhcpd.conf. */
export async function hostIpOf(dir: string, device: string): Promise<string> {
  const path = join(dir, device, 'dhcpd', 'dhcpd.conf');
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new Error(`open ${path}: ${e.code === 'ENOENT' ? 'no such file or directory' : e.message}`);
  });
  const block = new RegExp(`host\\s+${device.replace(/[^\w-]/g, '\\$&')}\\s*\\{([^}]*)\\}`).exec(text);
  const ip = block && /fixed-address\s+([0-9.]+)\s*;/.exec(block[1]!);
  if (!ip) throw new Error(`no "host ${device}" entry with a fixed-address in ${path}`);
  return ip[1]!;
}

interface Lease {
  ip: string;
  mac: string;
  starts: string;
}

function parseLeases(text: string): Lease[] {
  const out: Lease[] = [];
  for (const m of text.matchAll(/lease\s+([0-9.]+)\s*\{([^}]*)\}/g)) {
    const body = m[2]!;
    const mac = /hardware\s+ethernet\s+([0-9a-fA-F:]+)\s*;/.exec(body)?.[1] ?? '';
    const starts = /starts\s+\d+\s+([^;]+);/.exec(body)?.[1]?.trim() ?? '';
    out.push({ ip: m[1]!, mac: mac.toLowerCase(), starts });
  }
  return out;
}

/** The address of the newest lease for `mac` on any of `devices`; undefined when none has one yet. */
export async function guestIpOf(dir: string, devices: string[], mac: string): Promise<string | undefined> {
  let best: Lease | undefined;
  for (const device of devices) {
    const text = await readFile(join(dir, device, 'dhcpd', 'dhcpd.leases'), 'utf8').catch(() => '');
    for (const l of parseLeases(text)) if (l.mac === mac.toLowerCase() && (!best || l.starts >= best.starts)) best = l;
  }
  return best?.ip;
}
