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

/**
 * Fingerprints, component types and external identifiers are indexed: an index entry holds at most about 2.7 kB on
 * PostgreSQL, so the same bound applies on both databases (512 characters of up to 4 bytes each, well inside it).
 */
export const MAX_KEY_LENGTH = 512;

export function checkKeyLength(value: string | undefined, what: string): void {
  if (value !== undefined && value.length > MAX_KEY_LENGTH) throw new StoreError('invalid', `${what} must be at most ${MAX_KEY_LENGTH} characters, got ${value.length}`);
}

/** An optional string field. */
export function checkString(value: unknown, what: string): asserts value is string | undefined {
  if (value !== undefined && typeof value !== 'string') throw new StoreError('invalid', `${what} must be a string, got ${JSON.stringify(value)}`);
}
