import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ValidateContext } from './config.js';

/**
 * Go's `stat PATH: reason` for a path as the template wrote it, or undefined when it exists. A relative path is
 * looked up in the run's working directory (the context's, never the process's).
 */
export function statProblem(path: string, ctx: ValidateContext): string | undefined {
  const absolute = resolve(ctx.cwd, path);
  try {
    statSync(absolute);
    return undefined;
  } catch (e) {
    // Node's own wording names the path it was given: give it back as written.
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message.replace(absolute, path);
    return `stat ${path}: ${reason}`;
  }
}
