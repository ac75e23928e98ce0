// `packer.os` of a build's registry metadata, as current Packer records it: the operating system's name and
// architecture in Go's spelling (`linux`, `amd64`) and its version (the kernel release, as `uname -r` prints it).

import { release } from 'node:os';

export interface OsMetadata {
  type: string;
  details: { arch: string; version: string };
}

/** Node's names where Go's differ. */
const GO_ARCH: Readonly<Record<string, string>> = { x64: 'amd64', ia32: '386', x32: '386', ppc: 'ppc64' };
const GO_OS: Readonly<Record<string, string>> = { win32: 'windows', sunos: 'solaris' };

export function readOs(platform: string = process.platform, arch: string = process.arch, version: string = release()): OsMetadata {
  return { type: GO_OS[platform] ?? platform, details: { arch: GO_ARCH[arch] ?? arch, version } };
}
