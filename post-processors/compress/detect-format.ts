// Which archive and compression an output path asks for, decided as Packer 1.6.6's compress post-processor does:
// from the last two `.ext` groups of the output (before rendering), or of `output.format` when `format` is set.

export type Archive = 'tar' | 'zip';
export type Algorithm = 'gzip' | 'bgzf' | 'lz4' | 'xz';

export interface CompressFormat {
  archive?: Archive;
  algorithm?: Algorithm;
}

const ALGORITHMS: Readonly<Record<string, Algorithm>> = { gz: 'gzip', bgzf: 'bgzf', lz4: 'lz4', xz: 'xz' };

/**
 * Extensions Packer 1.6.6 does not know and silently turns into tar + gzip: a file named `.bz2` holding gzip data
 * would be a trap, so they are refused instead.
 */
const REFUSED: Readonly<Record<string, string>> = {
  bzip2: 'bzip2',
  bz2: 'bzip2',
};

/** Packer's tar + gzip for outputs without a known extension. */
const DEFAULT: CompressFormat = { archive: 'tar', algorithm: 'gzip' };

export function detectFormat(output: string, format: string | undefined): CompressFormat {
  const text = format ? `${output}.${format}` : output;
  const exts = [...text.matchAll(/\.([a-z0-9]+)/g)].map((m) => m[1]!);
  if (exts.length === 0) return DEFAULT;
  const last = exts[exts.length - 1]!;
  const archive: Archive | undefined = exts[exts.length - 2] === 'tar' ? 'tar' : undefined;
  if (last === 'zip' || last === 'tar') return { archive: last };
  const algorithm = ALGORITHMS[last];
  return algorithm ? { archive, algorithm } : DEFAULT;
}

/** Why the output's format is refused (an extension Packer would fill with something else), or undefined. */
export function refusedFormat(output: string, format: string | undefined): string | undefined {
  const text = format ? `${output}.${format}` : output;
  const last = [...text.matchAll(/\.([a-z0-9]+)/g)].map((m) => m[1]!).pop();
  const name = last === undefined ? undefined : REFUSED[last];
  if (!name) return undefined;
  return (
    `${name} compression is not available: Packer 1.6.6 writes tar + gzip into a file named .${last}, and no ${name} ` +
    'compressor for Node is fast enough; use .tar.gz, .tar.xz, .tar.lz4 or .zip'
  );
}
