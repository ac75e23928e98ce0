import { leadingSpaceCount } from './lex-chars.js';
import type { RawPart } from './template-tree.js';

/**
 * Applies the flush heredoc rule (`<<-`) to literal parts, one per line start: finds the line with
 * the fewest leading white space characters and removes that many from every line. Lines holding only
 * white space are not counted; a line starting with an interpolation or directive counts as zero, so
 * it prevents any unindenting. Runs after strip markers, before adjacent literals are joined.
 */
export function unindentHeredoc(raw: RawPart[]): void {
  let min = Infinity;
  let lineStart = true;
  const adjust: Extract<RawPart, { kind: 'lit' }>[] = [];
  for (const part of raw) {
    if (lineStart) {
      lineStart = false;
      if (part.kind === 'lit') {
        const spaces = leadingSpaceCount(part.value);
        const blank = spaces === [...part.value].length && part.value.endsWith('\n');
        if (!blank) {
          min = Math.min(min, spaces);
          adjust.push(part);
        }
      } else {
        min = 0;
      }
    }
    if (part.kind === 'lit' && part.value.endsWith('\n')) lineStart = true;
  }
  if (min === Infinity || min === 0) return;
  for (const lit of adjust) {
    const removed = [...lit.value].slice(0, min).join('');
    lit.value = lit.value.slice(removed.length);
    lit.start += removed.length;
  }
}
