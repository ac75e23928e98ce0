import type { Range } from '../hcl/ast.js';
import { errorDiag, type Diagnostic } from '../diag/diagnostic.js';

/** A value that must be known to run a plugin (or a data source) is not. */
export function unknownValueDiag(what: string, where: string, range: Range | undefined): Diagnostic {
  return errorDiag(
    'Value not known',
    `The value of ${what} in ${where} is not known, so it cannot run: it depends on a data source that was not executed or on a value that could not be evaluated.`,
    range,
  );
}
