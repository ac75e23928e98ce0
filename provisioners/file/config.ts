import { statSync } from 'node:fs';
import type { ConfigSchema, PluginConfig } from '../../src/plugin/config-schema.js';
import { T } from '../../src/value/value.js';

export interface FileConfig {
  source?: string;
  sources?: string[];
  content?: string;
  destination?: string;
  direction?: string;
  generated?: boolean;
}

export const fileSchema: ConfigSchema = {
  attributes: {
    source: { type: T.string },
    sources: { type: T.list(T.string) },
    content: { type: T.string },
    destination: { type: T.string },
    direction: { type: T.string },
    generated: { type: T.bool },
  },
  validate: (c) => validateFile(c as FileConfig),
};

/** `source` then `sources`, as Packer merges them. */
export function sourcesOf(c: FileConfig): string[] {
  return [...(c.source ? [c.source] : []), ...(c.sources ?? [])];
}

/** Packer's checks, with its messages. Sources are checked now unless `generated` (made during the build) or downloaded. */
function validateFile(c: FileConfig): { message: string; attribute?: string }[] {
  const out: { message: string; attribute?: string }[] = [];
  const direction = c.direction ?? 'upload';
  if (direction !== 'upload' && direction !== 'download') out.push({ message: 'Direction must be one of: download, upload.', attribute: 'direction' });
  const sources = sourcesOf(c);
  if (c.content !== undefined && sources.length > 0) out.push({ message: 'Cannot specify content and source(s) at the same time', attribute: 'content' });
  if (c.content !== undefined && direction === 'download') out.push({ message: 'content can only be used to upload', attribute: 'content' });
  if (direction === 'upload' && !c.generated) {
    for (const s of sources) {
      try {
        statSync(s);
      } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message;
        out.push({ message: `Bad source '${s}': stat ${s}: ${reason}`, attribute: c.source ? 'source' : 'sources' });
      }
    }
  }
  if (sources.length === 0 && c.content === undefined) out.push({ message: 'Source must be specified.' });
  if (!c.destination) out.push({ message: 'Destination must be specified.' });
  if (sources.length > 1 && c.destination && !c.destination.endsWith('/')) {
    out.push({ message: 'Destination must be a directory (end with "/") when several sources are given.', attribute: 'destination' });
  }
  return out;
}

export function resolveFileConfig(raw: PluginConfig): FileConfig & { direction: 'upload' | 'download'; destination: string } {
  const c = raw as FileConfig;
  return { ...c, direction: c.direction === 'download' ? 'download' : 'upload', destination: c.destination ?? '' };
}
