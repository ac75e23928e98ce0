import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isFormattedFile } from '../../src/fmt/targets.js';

/** Every `.pkr.hcl` and `.pkrvars.hcl` file under `dir`, sorted. */
export function listFormattedFiles(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : isFormattedFile(e.name) ? [join(d, e.name)] : []));
  return walk(dir).sort();
}
