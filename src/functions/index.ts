// The function library of the template language: every function Packer documents for HCL2 templates.
// `can` and `try` are not here: they are special forms of the evaluator.

import { collectionFunctions } from './collection.js';
import { contextualFunctions } from './contextual.js';
import { conversionFunctions } from './conversion.js';
import { cryptoFunctions } from './crypto.js';
import { datetimeFunctions } from './datetime.js';
import { encodingFunctions } from './encoding.js';
import { filesystemFunctions } from './filesystem.js';
import { formatFunctions } from './format.js';
import { ipnetFunctions } from './ipnet.js';
import { mappingFunctions } from './mapping.js';
import { numericFunctions } from './numeric.js';
import { regexFunctions } from './regex.js';
import { setFunctions } from './sets.js';
import { stringFunctions } from './string.js';
import type { FunctionDef } from './types.js';
import { uuidFunctions } from './uuid.js';

export const functions: Record<string, FunctionDef> = {
  ...numericFunctions,
  ...stringFunctions,
  ...formatFunctions,
  ...regexFunctions,
  ...collectionFunctions,
  ...mappingFunctions,
  ...setFunctions,
  ...encodingFunctions,
  ...filesystemFunctions,
  ...datetimeFunctions,
  ...cryptoFunctions,
  ...ipnetFunctions,
  ...uuidFunctions,
  ...conversionFunctions,
  ...contextualFunctions,
};

/** Names of all functions, sorted (for "did you mean" suggestions and listings). */
export function functionNames(): string[] {
  return Object.keys(functions).sort();
}

export { callFunction, callDef } from './call.js';
export { convertToType } from './conversion.js';
export { FunctionError, type FunctionContext, type FunctionDef, type Param } from './types.js';
