// Go's text/template, as far as Packer templates use it, and Packer's template functions.

import { executeGoTemplate } from './exec.js';
import type { GoFunction } from './functions.js';
import { parseGoTemplate } from './parser.js';

export { parseGoTemplate, BUILTIN_NAMES } from './parser.js';
export { executeGoTemplate, type ExecOptions } from './exec.js';
export { GoTemplateError } from './errors.js';
export { KeepVerbatim, ControlSignal, NO_VALUE, type GoFunction, type GoFunctionSpec, type ParamType } from './functions.js';
export { formatGoTime, RFC3339 } from './reference-time.js';
export { formatStrftime } from './strftime.js';
export { packerFunctions, replaceGo, timeOrderedUuid, type PackerFunctionContext } from './packer-functions.js';
export { cleanResourceName } from './clean-resource-name.js';
export type { ParsedTemplate } from './nodes.js';

export interface RenderOptions {
  data?: unknown;
  funcs?: Record<string, GoFunction>;
  /** Leave actions using fields missing from `data` as written (see ExecOptions). */
  keepUnknownFields?: boolean;
}

/** Parses and runs a template in one step. Throws GoTemplateError with Go's wording. */
export function renderGoTemplate(text: string, opts: RenderOptions = {}): string {
  // Fast path: text without actions is its own rendering.
  if (!text.includes('{{')) return text;
  const parsed = parseGoTemplate(text, Object.keys(opts.funcs ?? {}));
  return executeGoTemplate(parsed, opts);
}
