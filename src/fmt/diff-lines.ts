// Which lines of two texts changed, by the method of GNU diff, so that `-diff` prints the hunks Packer's
// `diff -u` prints: the common head and tail are set aside; lines with no match on the other side (and
// frequent lines among them) are marked changed before the search; Myers' divide and conquer on middle
// snakes marks the rest; then runs of changes slide to merge with neighbours or to meet the other side's.

/** Changed-line flags of `a` and `b`. */
export interface LineChanges {
  a: boolean[];
  b: boolean[];
}

export function findChangedLines(a: readonly string[], b: readonly string[]): LineChanges {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ids = new Map<string, number>();
  const classOf = (l: string) => ids.get(l) ?? (ids.set(l, ids.size + 1), ids.size);
  const ea = a.slice(head, a.length - tail).map(classOf);
  const eb = b.slice(head, b.length - tail).map(classOf);
  const ca = new Array<boolean>(ea.length).fill(false);
  const cb = new Array<boolean>(eb.length).fill(false);
  const keptA = keepLines(ea, eb, ca);
  const keptB = keepLines(eb, ea, cb);
  const xa = keptA.map((i) => ea[i]!);
  const xb = keptB.map((i) => eb[i]!);
  const ma = new Array<boolean>(xa.length).fill(false);
  const mb = new Array<boolean>(xb.length).fill(false);
  compareSeq(xa, xb, 0, xa.length, 0, xb.length, ma, mb);
  ma.forEach((m, i) => m && (ca[keptA[i]!] = true));
  mb.forEach((m, i) => m && (cb[keptB[i]!] = true));
  shiftBoundaries(ea, ca, cb);
  shiftBoundaries(eb, cb, ca);
  const pad = (c: boolean[], n: number) => [...new Array<boolean>(head).fill(false), ...c, ...new Array<boolean>(n).fill(false)];
  return { a: pad(ca, tail), b: pad(cb, tail) };
}

/**
 * Marks as changed the lines of `mine` that match nothing in `other`, and frequent lines inside runs of
 * those; returns the indexes of the lines left for the search.
 */
function keepLines(mine: number[], other: number[], changed: boolean[]): number[] {
  const counts = new Map<number, number>();
  for (const e of other) counts.set(e, (counts.get(e) ?? 0) + 1);
  let many = 5;
  for (let t = mine.length >> 6; (t >>= 2) > 0; ) many *= 2;
  const discard = mine.map((e) => {
    const n = counts.get(e) ?? 0;
    return n === 0 ? 1 : n > many ? 2 : 0;
  });
  keepProvisionalOutsideRuns(discard);
  const kept: number[] = [];
  discard.forEach((d, i) => (d === 0 ? kept.push(i) : (changed[i] = true)));
  return kept;
}

/** Frequent lines (2) are discarded only inside runs of unmatched lines (1), and not too many together. */
function keepProvisionalOutsideRuns(d: number[]): void {
  const end = d.length;
  for (let i = 0; i < end; i++) {
    if (d[i] === 2) {
      d[i] = 0;
      continue;
    }
    if (d[i] === 0) continue;
    let j = i;
    let provisional = 0;
    for (; j < end && d[j] !== 0; j++) if (d[j] === 2) provisional++;
    while (j > i && d[j - 1] === 2) (d[--j] = 0), provisional--;
    const length = j - i;
    if (provisional * 4 > length) {
      while (j > i) if (d[--j] === 2) d[j] = 0;
    } else {
      let minimum = 1;
      for (let t = length >> 2; (t >>= 2) > 0; ) minimum <<= 1;
      minimum++;
      for (let k = 0, consec = 0; k < length; k++) {
        if (d[i + k] !== 2) consec = 0;
        else if (minimum === ++consec) k -= consec;
        else if (minimum < consec) d[i + k] = 0;
      }
      cancelEdgeProvisionals(d, i, length, 1);
      i += length - 1;
      cancelEdgeProvisionals(d, i, length, -1);
    }
  }
}

/** From one end of a run, cancels frequent lines until three unmatched ones in a row or one 8 lines in. */
function cancelEdgeProvisionals(d: number[], from: number, length: number, step: 1 | -1): void {
  for (let k = 0, consec = 0; k < length; k++) {
    const at = from + step * k;
    if (k >= 8 && d[at] === 1) break;
    if (d[at] === 2) (consec = 0), (d[at] = 0);
    else if (d[at] === 0) consec = 0;
    else consec++;
    if (consec === 3) break;
  }
}

function compareSeq(x: number[], y: number[], xoff: number, xlim: number, yoff: number, ylim: number, mx: boolean[], my: boolean[]): void {
  while (xoff < xlim && yoff < ylim && x[xoff] === y[yoff]) xoff++, yoff++;
  while (xlim > xoff && ylim > yoff && x[xlim - 1] === y[ylim - 1]) xlim--, ylim--;
  if (xoff === xlim) {
    for (let k = yoff; k < ylim; k++) my[k] = true;
  } else if (yoff === ylim) {
    for (let k = xoff; k < xlim; k++) mx[k] = true;
  } else {
    const [xmid, ymid] = middleSnake(x, y, xoff, xlim, yoff, ylim);
    compareSeq(x, y, xoff, xmid, yoff, ymid, mx, my);
    compareSeq(x, y, xmid, xlim, ymid, ylim, mx, my);
  }
}

/** A point on an optimal path from (xoff, yoff) to (xlim, ylim), met by searching from both ends. */
function middleSnake(x: number[], y: number[], xoff: number, xlim: number, yoff: number, ylim: number): [number, number] {
  const dmin = xoff - ylim;
  const dmax = xlim - yoff;
  const fmid = xoff - yoff;
  const bmid = xlim - ylim;
  const odd = ((fmid - bmid) & 1) !== 0;
  const fd = new Map<number, number>([[fmid, xoff]]);
  const bd = new Map<number, number>([[bmid, xlim]]);
  const at = (m: Map<number, number>, d: number, missing: number) => m.get(d) ?? missing;
  let [fmin, fmax, bmin, bmax] = [fmid, fmid, bmid, bmid];
  for (;;) {
    if (fmin > dmin) fd.set(--fmin - 1, -1);
    else ++fmin;
    if (fmax < dmax) fd.set(++fmax + 1, -1);
    else --fmax;
    for (let d = fmax; d >= fmin; d -= 2) {
      const lo = at(fd, d - 1, -1);
      const hi = at(fd, d + 1, -1);
      let px = lo < hi ? hi : lo + 1;
      let py = px - d;
      while (px < xlim && py < ylim && x[px] === y[py]) px++, py++;
      fd.set(d, px);
      if (odd && bmin <= d && d <= bmax && at(bd, d, Infinity) <= px) return [px, py];
    }
    if (bmin > dmin) bd.set(--bmin - 1, Infinity);
    else ++bmin;
    if (bmax < dmax) bd.set(++bmax + 1, Infinity);
    else --bmax;
    for (let d = bmax; d >= bmin; d -= 2) {
      const lo = at(bd, d - 1, Infinity);
      const hi = at(bd, d + 1, Infinity);
      let px = lo < hi ? lo : hi - 1;
      let py = px - d;
      while (px > xoff && py > yoff && x[px - 1] === y[py - 1]) px--, py--;
      bd.set(d, px);
      if (!odd && fmin <= d && d <= fmax && px <= at(fd, d, -1)) return [px, py];
    }
  }
}

/**
 * Slides each run of changed lines of one side back while the line before it equals its last line (merging
 * with earlier runs), then forward while its first line equals the line after it, and finally back to
 * where it meets a run of changes on the other side, if it passed one.
 */
function shiftBoundaries(equivs: number[], changed: boolean[], otherChanged: boolean[]): void {
  const iEnd = equivs.length;
  const ch = (k: number) => k >= 0 && k < iEnd && changed[k] === true;
  const och = (k: number) => k >= 0 && k < otherChanged.length && otherChanged[k] === true;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < iEnd && !changed[i]) {
      while (och(j++));
      i++;
    }
    if (i === iEnd) break;
    let start = i;
    while (ch(++i));
    while (och(j)) j++;
    let corresponding: number;
    let runLength: number;
    do {
      runLength = i - start;
      while (start > 0 && equivs[start - 1] === equivs[i - 1]) {
        changed[--start] = true;
        changed[--i] = false;
        while (ch(start - 1)) start--;
        while (och(--j));
      }
      corresponding = och(j - 1) ? i : iEnd;
      while (i !== iEnd && equivs[start] === equivs[i]) {
        changed[start++] = false;
        changed[i++] = true;
        while (ch(i)) i++;
        while (och(++j)) corresponding = i;
      }
    } while (runLength !== i - start);
    while (corresponding < i) {
      changed[--start] = true;
      changed[--i] = false;
      while (och(--j));
    }
  }
}
