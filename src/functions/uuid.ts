// UUID functions: uuidv4 (random) and uuidv5 (name-based, SHA-1).

import { createHash, randomUUID } from 'node:crypto';
import { T, Value } from '../value/value.js';
import { FunctionError, define, param, type FunctionDef } from './types.js';

const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** Bytes of a UUID in the forms google/uuid accepts (plain, urn:uuid:, braces, or 32 hex digits). */
function parseUUID(s: string): Buffer {
  let hex: string;
  if (s.length === 36) hex = s;
  else if (s.length === 45 && s.toLowerCase().startsWith('urn:uuid:')) hex = s.slice(9);
  else if (s.length === 38 && s.startsWith('{') && s.endsWith('}')) hex = s.slice(1, -1);
  else if (s.length === 32) hex = `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  else throw new Error(`invalid UUID length: ${s.length}`);
  if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(hex)) throw new Error('invalid UUID format');
  return Buffer.from(hex.replaceAll('-', ''), 'hex');
}

export function uuidV5(namespace: string, name: string): string {
  let ns: Buffer;
  try {
    ns = parseUUID(NAMESPACES[namespace] ?? namespace);
  } catch (e) {
    throw new FunctionError(`uuidv5() doesn't support namespace ${namespace} (${(e as Error).message})`);
  }
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

export const uuidFunctions: Record<string, FunctionDef> = {
  uuidv4: define({ params: [], returns: T.string, impl: () => Value.string(randomUUID()) }),
  uuidv5: define({
    params: [param('namespace', T.string), param('name', T.string)],
    returns: T.string,
    impl: ([ns, n]) => Value.string(uuidV5(ns!.asString(), n!.asString())),
  }),
};
