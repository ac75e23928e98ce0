// The checksum a download is checked against: `iso_checksum` itself, or the line of its `file:` checksum file
// that names the ISO's file (the first URL's), fetched over http(s) or read from a file path or file:// URL.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchUrl } from './fetch.js';
import { findInChecksumFile, parseChecksumSpec, type Checksum } from './checksum.js';

/** The path of a local source (`./x.iso`, `/x.iso`, `file:///x.iso`, `file://./x.iso`), else undefined. */
export function localPathOf(source: string, cwd: string): string | undefined {
  if (source.startsWith('file://./') || source.startsWith('file://../')) return resolve(cwd, source.slice('file://'.length));
  if (source.startsWith('file:')) return fileURLToPath(source.startsWith('file://') ? source : `file://${source.slice(5)}`);
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(source)) return undefined;
  return resolve(cwd, source);
}

async function readChecksumFile(url: string, cwd: string, signal: AbortSignal): Promise<string> {
  const local = localPathOf(url, cwd);
  if (local !== undefined) {
    return readFile(local, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new Error(`source path error: stat ${local}: ${e.code === 'ENOENT' ? 'no such file or directory' : e.message}`);
    });
  }
  const res = await fetchUrl(url, { signal });
  if (!res.ok) throw new Error(`bad response code: ${res.status}`);
  return res.text();
}

/** The checksum to check the download against; undefined for `none`. Throws Packer's messages. */
export async function resolveChecksum(text: string, isoUrl: string, cwd: string, signal: AbortSignal): Promise<Checksum | undefined> {
  const spec = parseChecksumSpec(text);
  if (spec.kind === 'none') return undefined;
  if (spec.kind === 'value') return { type: spec.type, hex: spec.hex };
  let content: string;
  try {
    content = await readChecksumFile(spec.url, cwd, signal);
  } catch (e) {
    throw new Error(`Error downloading checksum file: ${(e as Error).message} in ${JSON.stringify(text)}`, { cause: e });
  }
  const path = new URL(isoUrl, 'file:///').pathname;
  const found = findInChecksumFile(content, decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)));
  if (found === undefined) throw new Error(`no checksum found in: ${spec.url} in ${JSON.stringify(text)}`);
  if (typeof found === 'string') throw new Error(`${found} in ${JSON.stringify(text)}`);
  return found;
}
