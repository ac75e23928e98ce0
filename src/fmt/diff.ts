// Unified diff of two texts, in the layout of `diff -u` (which `packer fmt -diff` runs): three lines of
// context, hunks closer than that merged, and the "No newline at end of file" marker.

import { findChangedLines } from './diff-lines.js';

const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; line: string };

/** The unified diff of `before` and `after` under the given labels; empty when they are equal. */
export function unifiedDiff(before: string, after: string, oldLabel: string, newLabel: string): string {
  if (before === after) return '';
  const ops = diffLines(splitKeepingEnds(before), splitKeepingEnds(after));
  const out = [`--- ${oldLabel}\n`, `+++ ${newLabel}\n`];
  for (const hunk of groupHunks(ops)) out.push(renderHunk(ops, hunk));
  return out.join('');
}

/** Lines with their line ends, so that a last line without one differs from the same line with one. */
function splitKeepingEnds(text: string): string[] {
  const lines = text.split(/(?<=\n)/);
  return lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}

/** The edit script: common lines, and in each change every deletion before the insertions. */
function diffLines(a: string[], b: string[]): Op[] {
  const changed = findChangedLines(a, b);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && !changed.a[i] && !changed.b[j]) {
      ops.push({ kind: ' ', line: a[i++]! });
      j++;
      continue;
    }
    while (i < a.length && changed.a[i]) ops.push({ kind: '-', line: a[i++]! });
    while (j < b.length && changed.b[j]) ops.push({ kind: '+', line: b[j++]! });
  }
  return ops;
}

interface Hunk {
  start: number;
  end: number;
}

function groupHunks(ops: Op[]): Hunk[] {
  const hunks: Hunk[] = [];
  ops.forEach((op, i) => {
    if (op.kind === ' ') return;
    const start = Math.max(0, i - CONTEXT);
    const end = Math.min(ops.length, i + 1 + CONTEXT);
    const last = hunks[hunks.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else hunks.push({ start, end });
  });
  return hunks;
}

function renderHunk(ops: Op[], hunk: Hunk): string {
  let oldStart = 1;
  let newStart = 1;
  for (const op of ops.slice(0, hunk.start)) {
    if (op.kind !== '+') oldStart++;
    if (op.kind !== '-') newStart++;
  }
  const body = ops.slice(hunk.start, hunk.end);
  const oldCount = body.filter((o) => o.kind !== '+').length;
  const newCount = body.filter((o) => o.kind !== '-').length;
  const lines = body.map((o) => o.kind + (o.line.endsWith('\n') ? o.line : `${o.line}\n\\ No newline at end of file\n`));
  return `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n${lines.join('')}`;
}

/** `start,count` as `diff` writes it: no count when it is 1; an empty range names the line before it. */
function range(start: number, count: number): string {
  if (count === 1) return String(start);
  return `${count === 0 ? start - 1 : start},${count}`;
}
