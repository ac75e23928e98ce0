// The `value` output: a plain-text secret as it is; for a JSON object, the value of `key`, or without a key the
// first value. Strings and numbers only, as in Packer. Where Packer gives an empty value for a key the secret does
// not have (or ignores a key on a plain-text secret), tsbuild reports it: a build should not go on with "".

const PREFIX = 'error to get secret value';

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function jsonTypeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v;
}

function stringOf(v: unknown, key: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw new Error(`${PREFIX}: Unsupported secret value type: ${jsonTypeName(v)} (key "${key}")`);
}

/** Throws with Packer's prefix when the secret cannot give a value. Messages never hold the secret. */
export function chooseSecretValue(secretString: string, key: string | undefined, name: string): string {
  const object = parseObject(secretString);
  if (!object) {
    if (key) throw new Error(`${PREFIX}: \`key\` is "${key}" but the secret "${name}" is not a JSON object`);
    return secretString;
  }
  if (!key) {
    const first = Object.entries(object)[0];
    return first ? stringOf(first[1], first[0]) : '';
  }
  if (!Object.hasOwn(object, key)) {
    const keys = Object.keys(object).map((k) => `"${k}"`).join(', ');
    throw new Error(`${PREFIX}: key "${key}" not found in the secret "${name}" (its keys: ${keys || 'none'})`);
  }
  return stringOf(object[key], key);
}
