import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where a downloaded file or folder named `name` goes: `localPath` itself when the source ends in `/` (its
 * contents) or when `localPath` is not a folder; otherwise into the folder `localPath`.
 */
export async function downloadTarget(remotePath: string, localPath: string, name: string): Promise<string> {
  if (remotePath.endsWith('/')) return localPath;
  const localIsDir = localPath.endsWith('/') || (await stat(localPath).then((s) => s.isDirectory(), () => false));
  return localIsDir ? join(localPath, name) : localPath;
}
