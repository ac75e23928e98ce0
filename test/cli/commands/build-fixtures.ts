import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder holding `main.pkr.hcl` (and any other files given). */
export function templateDir(main: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-build-'));
  writeFileSync(join(dir, 'main.pkr.hcl'), main);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Lines with ANSI colors removed. */
export function plain(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
