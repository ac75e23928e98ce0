import { resolve } from 'node:path';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';
import { createPositioner } from '../hcl/position.js';
import { binaryEvidence } from '../util/binary-file.js';
import { decodeUtf8, type DecodedText } from '../util/decode-utf8.js';
import { InputFileError, readInputFile } from '../util/read-input-file.js';

/**
 * The text of a template or variable file (`path` relative to `cwd`, named as the user gave it), or the one
 * diagnostic that says why there is none: it cannot be read (see readInputFile), or it is a binary file,
 * which would otherwise give a thousand meaningless syntax errors.
 */
export function readSourceFile(path: string, cwd: string, what: 'template' | 'variable file' = 'template'): DecodedText | Diagnostic {
  let bytes: Buffer;
  try {
    bytes = readInputFile(resolve(cwd, path), path);
  } catch (e) {
    if (e instanceof InputFileError) return errorDiag('Failed to read file', e.message);
    throw e;
  }
  const evidence = binaryEvidence(bytes);
  if (evidence !== undefined) {
    // Located at the first byte that gives it away (a stray NUL in a text file is found at once); its lines are not quoted.
    const range = createPositioner(evidence.text, path).range(evidence.at, evidence.at + 1);
    return errorDiag(`"${path}" is a binary file, not a ${what}`, `It holds NUL bytes or mostly bytes that are not text: check that the right file is named.`, range);
  }
  return decodeUtf8(bytes);
}
