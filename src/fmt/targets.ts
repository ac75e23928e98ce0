// Which files `fmt` formats for a target, in the order Packer visits them.

import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Extensions of the files `fmt` formats; JSON templates are left alone, as Packer leaves them. */
export const FORMATTED_EXTENSIONS = ['.pkr.hcl', '.pkrvars.hcl'] as const;

export function isFormattedFile(path: string): boolean {
  return FORMATTED_EXTENSIONS.some((ext) => path.endsWith(ext));
}

/** Editor leftovers and hidden files, skipped inside folders. */
function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || (name.startsWith('#') && name.endsWith('#'));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The files to format for `target` (relative to `cwd`), spelled as Packer prints them: a target that is
 * not a folder is itself the one file (whatever its name, so that the caller can say why it is refused);
 * a folder gives its `.pkr.hcl` and `.pkrvars.hcl` files in name order, and with `recursive` the files of
 * its subfolders where they come in that order.
 */
export function listFormatTargets(target: string, opts: { cwd: string; recursive: boolean }): string[] {
  if (!isFolder(resolve(opts.cwd, target))) return [target];
  const entries = readdirSync(resolve(opts.cwd, target), { withFileTypes: true })
    .filter((e) => !isIgnoredName(e.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(target, entry.name);
    if (isFolder(resolve(opts.cwd, path))) {
      if (opts.recursive) files.push(...listFormatTargets(path, opts));
    } else if (isFormattedFile(path)) {
      files.push(path);
    }
  }
  return files;
}
