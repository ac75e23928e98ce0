// Fault injection: errors answered instead of the real answer, for one action or all, a given number of times,
// optionally after letting some calls through. Rules are consumed in the order they were added.

import { Ec2Error, knownError } from './errors.js';

export interface FaultRule {
  /** The action the rule applies to (`DescribeImages`); every action when absent. */
  action?: string;
  /** An error code: RequestLimitExceeded (503), InternalError (500), Unavailable (503)... or any code with `status`. */
  error: string;
  message?: string;
  status?: number;
  /** How many calls fail (1 unless given). */
  times?: number;
  /** How many matching calls pass before the first failure (0 unless given). */
  skip?: number;
}

interface ActiveRule extends FaultRule {
  remaining: number;
  toSkip: number;
}

export class Faults {
  private rules: ActiveRule[] = [];

  /** `known` gives the status and message of an error code a rule names without them (EC2's by default). */
  constructor(private readonly known: (code: string) => Ec2Error = knownError) {}

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, remaining: rule.times ?? 1, toSkip: rule.skip ?? 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The error to answer `action` with now, if a rule says so. */
  take(action: string): Ec2Error | undefined {
    for (const rule of this.rules) {
      if (rule.remaining <= 0 || (rule.action !== undefined && rule.action !== action)) continue;
      if (rule.toSkip > 0) {
        rule.toSkip--;
        continue;
      }
      rule.remaining--;
      const base = this.known(rule.error);
      return new Ec2Error(rule.error, rule.message ?? base.message, rule.status ?? base.status);
    }
    return undefined;
  }

  /** Failures still to come. */
  pending(): number {
    return this.rules.reduce((n, r) => n + r.remaining, 0);
  }
}
