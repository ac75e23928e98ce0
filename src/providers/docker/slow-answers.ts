// A daemon that accepts connections but never answers (frozen, or stuck on a full disk) would leave a build
// silent forever: every request still unanswered says so, every few seconds, until the answer comes.

import type Dockerode from 'dockerode';

/** How often an unanswered request is reported. */
export const NOTICE_EVERY_MS = 5000;

type DialOptions = { method?: string; path?: string };
type Dial = (options: DialOptions, callback: (err: unknown, data: unknown) => void) => void;

/**
 * Wraps the modem's one way to the daemon, so that a request the daemon has not answered after `everyMs` (and
 * after every `everyMs` more) calls `say` with the request and the wait so far. The answer is the response's
 * headers: a stream that follows (a build's output, a command's) may be quiet as long as it likes.
 */
export function reportSlowAnswers(modem: Dockerode['modem'], endpoint: string, say: (line: string) => void, everyMs = NOTICE_EVERY_MS): void {
  const target = modem as unknown as { dial: Dial };
  const dial = target.dial.bind(modem);
  target.dial = (options, callback) => {
    // Read before dialing: the modem prefixes the path with the API version.
    const what = `${options.method ?? 'GET'} ${(options.path ?? '').replace(/\?.*$/, '')}`;
    const started = Date.now();
    const timer = setInterval(() => {
      const seconds = Math.round((Date.now() - started) / 1000);
      say(`The Docker daemon at ${endpoint} has not answered ${what} for ${seconds} s: still waiting (a frozen daemon never answers; Ctrl-C stops the build).`);
    }, everyMs);
    timer.unref();
    dial(options, (err, data) => {
      clearInterval(timer);
      callback(err, data);
    });
  };
}
