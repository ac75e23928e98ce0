// A build that waits for something that can never happen (a promise nobody will settle: an event that was missed,
// a callback a library never calls) leaves Node's event loop empty, and Node then exits with status 0 and says
// nothing: a CI would take the build for a success. That is always our bug, so the guard reports it as one,
// naming the builds still running, and makes the exit status 1.

/** Where the "no work left" event comes from, and the exit status to set: the process, or a test's stand-in. */
export interface ExitSource {
  on(event: 'beforeExit', listener: () => void): unknown;
  off(event: 'beforeExit', listener: () => void): unknown;
  exitCode?: number | string | undefined;
}

/** What runBuilds tells the guard: a build started, a build ended (however it ended). */
export interface BuildTracker {
  started(name: string): void;
  ended(name: string): void;
}

/** Where the guard's lines go: the builds' UI once there is one. */
export interface PendingReport {
  error(line: string): void;
}

export interface PendingGuard extends BuildTracker {
  /** Sends the report elsewhere from now on. */
  reportTo(report: PendingReport): void;
  /** Stops watching: the command is returning. */
  stop(): void;
}

const WHY = 'it waited for something that can never happen, and tsbuild ran out of work';

/** Watches `source` until `stop`; `report` gets one line per build still running (or one line when none has started). */
export function guardPendingBuilds(source: ExitSource, report: PendingReport): PendingGuard {
  const running = new Set<string>();
  const onBeforeExit = () => {
    source.off('beforeExit', onBeforeExit);
    source.exitCode = 1;
    if (running.size === 0) report.error(`internal error, please report: the command did not finish: ${WHY}`);
    for (const name of running) report.error(`Build '${name}' errored: internal error, please report: the build did not finish: ${WHY}`);
  };
  source.on('beforeExit', onBeforeExit);
  return {
    started: (name) => running.add(name),
    ended: (name) => running.delete(name),
    reportTo: (r) => (report = r),
    stop: () => source.off('beforeExit', onBeforeExit),
  };
}
