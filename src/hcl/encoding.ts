import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import type { File } from './ast.js';
import { createPositioner } from './position.js';

/**
 * "Invalid character encoding" at the first run of bytes of a native-syntax file that were not UTF-8 (`invalid`: their
 * offsets in `file.source`, ascending, as decodeUtf8 gives them). Bytes inside comments are let through, as
 * Packer's scanner lets them through, unless `inComments` (`fmt`, which would write them back changed). JSON
 * files are not checked: Packer reads them with the bytes replaced. One is enough (as in HCL): a file in
 * another encoding has such bytes everywhere.
 */
export function reportInvalidEncoding(file: File, invalid: readonly number[], inComments = false): Diagnostic[] {
  if (invalid.length === 0 || file.syntax !== 'hcl') return [];
  const positioner = createPositioner(file.source, file.filename);
  const comments = inComments ? [] : file.comments.map((c) => c.range);
  let c = 0;
  for (let i = 0; i < invalid.length; ) {
    const start = invalid[i]!;
    let end = start + 1;
    while (++i < invalid.length && invalid[i] === end) end++;
    while (c < comments.length && comments[c]!.end.offset <= start) c++;
    if (c < comments.length && comments[c]!.start.offset <= start) continue;
    return [errorDiag('Invalid character encoding', 'All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in your editor.', positioner.range(start, end))];
  }
  return [];
}
