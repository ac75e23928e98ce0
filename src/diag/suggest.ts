/** Levenshtein distance between two strings (counted in code points). */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[t.length]!;
}

/** The candidate closest to `given` when it is close enough to be a likely typo (HCL's rule: distance below 3). */
export function suggestName(given: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDist = 3;
  for (const c of candidates) {
    const d = editDistance(given, c);
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

/** " Did you mean "x"?" when a candidate is close, else "". */
export function didYouMean(given: string, candidates: Iterable<string>): string {
  const s = suggestName(given, candidates);
  return s === undefined ? '' : ` Did you mean "${s}"?`;
}
