// A vitest reporter (vitest.config.ts, beside the default one): at the end of a run, every test skipped with a
// reason (`ctx.skip(reason)`, as test/support/needs.ts does) is listed once with its reason, so that a run never
// passes while quietly comparing nothing.

import type { Reporter, TestModule } from 'vitest/node';

export default class SkipSummary implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const m of modules) {
      for (const t of m.children.allTests('skipped')) {
        const r = t.result();
        if (r.state === 'skipped' && r.note) lines.push(`skipped: ${m.relativeModuleId} > ${t.fullName} — ${r.note}`);
      }
    }
    if (lines.length > 0) process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
