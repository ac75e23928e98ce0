import { statProblem } from '../../src/plugin/check-path.js';
import { declareConfig, opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../src/plugin/config.js';

const fileOptions = {
  source: opt.string('A file or folder to copy (a trailing "/" copies the folder\'s content).'),
  sources: opt.strings('Several files or folders to copy into destination (a folder ending in "/").'),
  content: opt.string('Text to upload as a file (instead of source).'),
  destination: opt.string('Where to copy to: on the machine when uploading, here when downloading.').default(''),
  direction: opt.string('"upload" (to the machine) or "download" (from it).').default('upload'),
  generated: opt.bool('The sources are made during the build: they are not checked beforehand.'),
};

export type FileConfig = ConfigOf<typeof fileOptions>;

/** `source` then `sources`, as Packer merges them. */
export function sourcesOf(c: FileConfig): string[] {
  return [...(c.source ? [c.source] : []), ...(c.sources ?? [])];
}

/** Packer's checks, with its messages. Sources are checked now unless `generated` (made during the build) or downloaded. */
function validateFile(c: FileConfig, ctx: ValidateContext): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const direction = c.direction;
  if (direction !== 'upload' && direction !== 'download') out.push({ message: 'Direction must be one of: download, upload.', attribute: 'direction' });
  const sources = sourcesOf(c);
  if (c.content !== undefined && sources.length > 0) out.push({ message: 'Cannot specify content and source(s) at the same time', attribute: 'content' });
  if (c.content !== undefined && direction === 'download') out.push({ message: 'content can only be used to upload', attribute: 'content' });
  if (direction === 'upload' && !c.generated) {
    for (const s of sources) {
      const problem = statProblem(s, ctx);
      if (problem) out.push({ message: `Bad source '${s}': ${problem}`, attribute: c.source ? 'source' : 'sources' });
    }
  }
  if (sources.length === 0 && c.content === undefined) out.push({ message: 'Source must be specified.' });
  if (!c.destination) out.push({ message: 'Destination must be specified.' });
  if (sources.length > 1 && c.destination && !c.destination.endsWith('/')) {
    out.push({ message: 'Destination must be a directory (end with "/") when several sources are given.', attribute: 'destination' });
  }
  return out;
}

export const fileConfig = declareConfig(fileOptions, validateFile);
