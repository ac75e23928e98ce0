import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../../src/journal/journal.js';
import { tempDirOf } from '../../src/util/temp-dir.js';
import type { RunContext } from '../../src/plugin/context.js';
import { basicUi, targetedUi, type UiOutput } from '../../src/ui/ui.js';

/** A RunContext whose UI lines are collected in `lines`; answers questions from `answers`. */
export function testContext(over: Partial<RunContext> = {}, answers: string[] = []): RunContext & { lines: string[] } {
  const lines: string[] = [];
  const out: UiOutput = {
    write: (t) => lines.push(...t.split('\n').filter((l) => l !== '')),
    readLine: async () => answers.shift() ?? '',
    redact: (s) => s,
    now: () => new Date(),
  };
  const ui = targetedUi(basicUi(out), 't', (s) => s);
  return {
    ui,
    signal: new AbortController().signal,
    env: {},
    cwd: process.cwd(),
    buildName: 'null.t',
    sourceName: 't',
    builderType: 'null',
    runUuid: 'uuid',
    debug: false,
    force: false,
    onError: 'cleanup',
    withLock: (_k, fn) => fn(),
    ask: (q) => ui.ask(q),
    interactive: false,
    now: () => new Date(),
    tempDir: tempDirOf(process.env),
    journal: openJournal(mkdtempSync(join(tmpdir(), 'tsbuild-test-journal-')), 'uuid'),
    lines,
    ...over,
  };
}
