// The emulators' slow state changes: work that an emulator does some time after the request that asked for it (an
// instance reaching running, an image becoming available, a long-running operation ending). A test may make every
// change under way happen at once; closing the emulator drops those still pending.

export interface Scheduler {
  /** Runs `fn` after `ms` unless the emulator closes first. */
  after(ms: number, fn: () => void): void;
}

export class EmulatorScheduler implements Scheduler {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.pending.delete(t);
      fn();
    }, ms);
    this.pending.set(t, fn);
  }

  /** Runs every change under way now, in the order they were asked for. */
  finishAll(): void {
    for (const [t, fn] of [...this.pending]) {
      clearTimeout(t);
      this.pending.delete(t);
      fn();
    }
  }

  /** Drops every change still pending (the emulator is closing). */
  stop(): void {
    for (const t of this.pending.keys()) clearTimeout(t);
    this.pending.clear();
  }
}
