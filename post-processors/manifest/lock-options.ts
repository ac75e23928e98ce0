import { parseDuration } from '../../src/template/duration.js';
import { describeHolder } from '../../src/util/file-lock/holder.js';
import { DEFAULT_MANIFEST_LOCK, type ManifestLockOptions } from './write.js';

/** The environment variable that sets how long a build waits for another process's lock on the manifest. */
export const LOCK_TIMEOUT_VARIABLE = 'TSBUILD_MANIFEST_LOCK_TIMEOUT';

/**
 * The manifest lock's bounds for a run: the wait from TSBUILD_MANIFEST_LOCK_TIMEOUT (a Go duration: `90s`, `5m`)
 * when set, else one minute. `tell` hears of each stale lock taken over: whose it was and why it was stale.
 */
export function manifestLockOptions(env: Readonly<Record<string, string | undefined>>, tell: (lock: string, why: string) => void): ManifestLockOptions {
  const text = env[LOCK_TIMEOUT_VARIABLE];
  const timeoutMs = text === undefined || text === '' ? DEFAULT_MANIFEST_LOCK.timeoutMs : parseDuration(text);
  if (timeoutMs === undefined || timeoutMs < 0) {
    throw new Error(`${LOCK_TIMEOUT_VARIABLE}=${text} is not a duration (such as 90s or 5m)`);
  }
  return {
    ...DEFAULT_MANIFEST_LOCK,
    timeoutMs,
    timeoutSetting: LOCK_TIMEOUT_VARIABLE,
    onTakeOver: (lock, previous, reason) => tell(lock, `it was held by ${describeHolder(previous)}, and ${reason}`),
  };
}
