// Packer's ISOConfig options (iso_url, iso_urls, iso_checksum, iso_target_path, iso_target_extension) and the
// checks its Prepare makes before anything is fetched, with Packer 1.6.6's messages.
//
// Packer 1.6.6 also fetches a `file:` checksum file while preparing (so `packer validate` fails on an unreachable
// one); tsbuild reads it when the build downloads the ISO, with the same messages.

import { configWarning, opt, type ConfigOf, type ConfigProblem } from '../../plugin/config.js';
import { parseChecksumSpec } from './checksum.js';

export const isoOptions = {
  iso_url: opt.string('The URL of the ISO (http, https, file or a path).'),
  iso_urls: opt.strings('URLs of the ISO, tried in order.'),
  iso_checksum: opt.string('The checksum of the ISO: type:hex, hex, file:URL of a checksum file, or none.'),
  iso_target_path: opt.string('Where the downloaded ISO goes (a folder when it has no extension), instead of the cache.'),
  iso_target_extension: opt.string('The extension of the downloaded file.').defaultIfEmpty('iso'),
};

export type IsoConfig = ConfigOf<typeof isoOptions>;

/** The URLs to try: iso_url, or iso_urls. */
export const isoUrlsOf = (c: IsoConfig): string[] => (c.iso_url ? [c.iso_url] : (c.iso_urls ?? []));

export function isoProblems(c: IsoConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (c.iso_url && (c.iso_urls?.length ?? 0) > 0) out.push({ message: 'Only one of iso_url or iso_urls must be specified', attribute: 'iso_url' });
  else if (isoUrlsOf(c).length === 0) out.push({ message: 'One of iso_url or iso_urls must be specified', attribute: 'iso_url' });
  if (!c.iso_checksum) out.push({ message: 'A checksum must be specified', attribute: 'iso_checksum' });
  else {
    try {
      parseChecksumSpec(c.iso_checksum);
    } catch (e) {
      out.push({ message: (e as Error).message, attribute: 'iso_checksum' });
    }
  }
  return out;
}

/** Packer's warning for `iso_checksum = "none"`. */
export function isoWarnings(c: IsoConfig): ConfigProblem[] {
  return c.iso_checksum?.toLowerCase() === 'none' ? [configWarning("A checksum of 'none' was specified. Since ISO files are so big,\na checksum is highly recommended.", 'iso_checksum')] : [];
}
