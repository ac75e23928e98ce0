import type { Pos, Range } from './ast.js';

/**
 * Turns offsets of a scanned text into source positions. The parser works on offsets only and asks a
 * positioner for line and column when it builds a node, so that a text decoded from elsewhere (a JSON
 * string) can report positions in the file it came from.
 */
export interface Positioner {
  readonly filename: string;
  pos(offset: number): Pos;
  range(start: number, end: number): Range;
}

/** Positions for a whole source file: lines split at `\n`, columns counted in code points. */
export function createPositioner(source: string, filename: string): Positioner {
  const lineStarts = [0];
  const astralLines = new Set<number>();
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) lineStarts.push(i + 1);
    else if (c >= 0xd800 && c <= 0xdbff) astralLines.add(lineStarts.length - 1);
  }
  const pos = (offset: number): Pos => {
    const o = Math.max(0, Math.min(offset, source.length));
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    const start = lineStarts[lo]!;
    const column = astralLines.has(lo) ? countCodePoints(source, start, o) + 1 : o - start + 1;
    return { line: lo + 1, column, offset: o };
  };
  return {
    filename,
    pos,
    range: (start, end) => ({ filename, start: pos(start), end: pos(end) }),
  };
}

export function countCodePoints(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The smallest range covering both. */
export function rangeBetween(a: Range, b: Range): Range {
  return { filename: a.filename, start: a.start, end: b.end };
}

/** A range as HCL writes it in messages: `file:line,col-col` or `file:line,col-line,col`. */
export function formatRange(r: Range): string {
  return r.start.line === r.end.line
    ? `${r.filename}:${r.start.line},${r.start.column}-${r.end.column}`
    : `${r.filename}:${r.start.line},${r.start.column}-${r.end.line},${r.end.column}`;
}
