import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/fmt/diff.js';
import { formatHCL } from '../../src/fmt/format.js';
import { CORPUS } from '../support/shared.js';
import { listFormattedFiles } from './corpus-files.js';


/** What `diff -u --label=old/x --label=new/x` prints for the two texts. */
function gnuDiff(a: string, b: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-diff-'));
  writeFileSync(join(dir, 'a'), a);
  writeFileSync(join(dir, 'b'), b);
  try {
    return execFileSync('diff', ['--label=old/x', '--label=new/x', '-u', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
  } catch (e) {
    return (e as { stdout: string }).stdout;
  }
}

const CASES: [name: string, before: string, after: string, expected: string][] = [
  ['equal texts', 'a\n', 'a\n', ''],
  ['one line', 'a=1\n', 'a = 1\n', '--- old/x\n+++ new/x\n@@ -1 +1 @@\n-a=1\n+a = 1\n'],
  ['no final newline', 'a=1', 'a = 1', '--- old/x\n+++ new/x\n@@ -1 +1 @@\n-a=1\n\\ No newline at end of file\n+a = 1\n\\ No newline at end of file\n'],
  ['newline added', 'a', 'a\n', '--- old/x\n+++ new/x\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n'],
  [
    'context and separate hunks',
    '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n',
    '1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\nTWELVE\n',
    '--- old/x\n+++ new/x\n@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+TWELVE\n',
  ],
  ['hunks six lines apart merge', 'a\n1\n2\n3\n4\n5\n6\nb\n', 'A\n1\n2\n3\n4\n5\n6\nB\n', '--- old/x\n+++ new/x\n@@ -1,8 +1,8 @@\n-a\n+A\n 1\n 2\n 3\n 4\n 5\n 6\n-b\n+B\n'],
  ['insertion only', 'a\nc\n', 'a\nb\nc\n', '--- old/x\n+++ new/x\n@@ -1,2 +1,3 @@\n a\n+b\n c\n'],
  ['deletion to empty', 'a\n', '', '--- old/x\n+++ new/x\n@@ -1 +0,0 @@\n-a\n'],
];

describe('unifiedDiff', () => {
  it.each(CASES)('%s', (_n, before, after, expected) => {
    expect(unifiedDiff(before, after, 'old/x', 'new/x')).toBe(expected);
  });

  it('the recorded expectations are what diff -u prints', () => {
    for (const [name, before, after, expected] of CASES) expect([name, gnuDiff(before, after)]).toEqual([name, expected]);
  });

  // packer fmt -diff runs `diff -u`; the hunks must be the same, including where repeated lines make several
  // alignments equally short.
  it('prints what diff -u prints for every formatting change of the corpus', () => {
    let compared = 0;
    for (const path of listFormattedFiles(CORPUS)) {
      const before = readFileSync(path, 'utf8');
      const after = formatHCL(before);
      if (after === before) continue;
      compared++;
      expect([path, unifiedDiff(before, after, 'old/x', 'new/x')]).toEqual([path, gnuDiff(before, after)]);
    }
    expect(compared).toBeGreaterThan(50);
  }, 120_000);
});
