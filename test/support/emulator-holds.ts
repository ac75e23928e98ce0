// The emulators' held answers, for tests that must act while a call is in flight: the call does its work (an
// insert's operation starts), then its answer waits `ms` before it is sent, as a slow front end's would. `held()`
// says how many answers are waiting now.

export interface HoldRule {
  /** The method whose answers are held, as the emulator names it (the GCE emulator's `instances.insert`). */
  method: string;
  ms: number;
  /** How many answers are held (1 unless given). */
  times?: number;
}

export class Holds {
  private readonly rules: (HoldRule & { remaining: number })[] = [];
  private waiting = 0;

  add(rule: HoldRule): void {
    this.rules.push({ ...rule, remaining: rule.times ?? 1 });
  }

  held(): number {
    return this.waiting;
  }

  /** Waits as a rule for `method` says, if one does. The timer does not keep the test process alive. */
  async before(method: string): Promise<void> {
    const rule = this.rules.find((r) => r.remaining > 0 && r.method === method);
    if (!rule) return;
    rule.remaining--;
    this.waiting++;
    try {
      await new Promise<void>((resolve) => setTimeout(resolve, rule.ms).unref());
    } finally {
      this.waiting--;
    }
  }
}
