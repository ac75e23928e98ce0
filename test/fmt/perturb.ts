/**
 * Spoils the layout of a configuration text without changing its tokens' meaning in most places: indents
 * removed, added or made of tabs, `=` squeezed or padded, commas and brackets spaced differently, trailing
 * spaces. Deterministic for a given seed. (A change can still alter meaning, e.g. `a - b` -> `a-b`; the
 * caller compares with Packer on the same text, so that does not matter.)
 */
export function perturbLayout(text: string, seed: number): string {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  return text
    .split('\n')
    .map((line) => {
      let l = line;
      const r = random();
      if (r < 0.3) l = l.replace(/^\s+/, '');
      else if (r < 0.5) l = '   ' + l;
      else if (r < 0.6) l = '\t' + l;
      if (random() < 0.3) l = l.replace(/ = /, '=');
      if (random() < 0.3) l = l.replace(/, /g, ',');
      if (random() < 0.2) l = l.replace(/ = /, '     =    ');
      if (random() < 0.2) l += '   ';
      if (random() < 0.2) l = l.replace(/\[/, '[ ').replace(/\]/, ' ]');
      if (random() < 0.2) l = l.replace(/\(/, '( ').replace(/\)/, ' )');
      return l;
    })
    .join('\n');
}
