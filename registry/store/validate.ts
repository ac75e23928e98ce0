// Checks of values that come from requests, shared by the store's operations.

import type { Labels } from '../api/types.js';
import { StoreError } from './store.js';

/** Labels are a flat map of strings to strings. */
export function checkLabels(labels: unknown, what = 'labels'): asserts labels is Labels | undefined {
  if (labels === undefined) return;
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) throw new StoreError('invalid', `${what} must be an object of strings`);
  for (const [k, v] of Object.entries(labels)) {
    if (typeof v !== 'string') throw new StoreError('invalid', `${what}.${k} must be a string, got ${JSON.stringify(v)}`);
  }
}

/** An optional string field. */
export function checkString(value: unknown, what: string): asserts value is string | undefined {
  if (value !== undefined && typeof value !== 'string') throw new StoreError('invalid', `${what} must be a string, got ${JSON.stringify(value)}`);
}
