// The .vmx format as Packer reads and writes it: `key = "value"` lines; keys are lowercased when read, written
// sorted (byte order) with every value quoted except the `.virtualSSD` ones, which also get their case back.

import { readFile, writeFile } from 'node:fs/promises';

export type VmxData = Record<string, string>;

const LINE = /^(.+?)\s*=\s*"?(.*?)"?\s*$/;

export function parseVmx(text: string): VmxData {
  const out: VmxData = {};
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (m) out[m[1]!.toLowerCase()] = m[2]!;
  }
  return out;
}

export function encodeVmx(data: VmxData): string {
  const keys = Object.keys(data).sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : a === b ? 0 : 1));
  let out = '';
  for (const k of keys) {
    const bare = k.includes('.virtualssd');
    out += `${k.replace('.virtualssd', '.virtualSSD')} = ${bare ? data[k] : `"${data[k]}"`}\n`;
  }
  return out;
}

export const readVmx = async (path: string): Promise<VmxData> => parseVmx(await readFile(path, 'utf8'));
export const writeVmx = (path: string, data: VmxData): Promise<void> => writeFile(path, encodeVmx(data));
