import { describe, expect, it } from 'vitest';
import { chooseSecretValue } from '../../data-sources/amazon-secretsmanager/secret-value.js';

describe('chooseSecretValue', () => {
  it('gives a plain-text secret as it is, a JSON key\'s string or number, or the first value without a key', () => {
    expect(chooseSecretValue('plain text', undefined, 's')).toBe('plain text');
    expect(chooseSecretValue('12345', undefined, 's')).toBe('12345');
    expect(chooseSecretValue('{"a":"x","b":2.5}', 'b', 's')).toBe('2.5');
    expect(chooseSecretValue('{"a":"x","b":2}', undefined, 's')).toBe('x');
    expect(chooseSecretValue('{}', undefined, 's')).toBe('');
    expect(chooseSecretValue('', undefined, 's')).toBe('');
  });

  it('reports a missing key, a key on a plain-text secret, and values that are not strings or numbers, without the values', () => {
    expect(() => chooseSecretValue('{"a":"hidden"}', 'b', 's')).toThrow('error to get secret value: key "b" not found in the secret "s" (its keys: "a")');
    expect(() => chooseSecretValue('hidden', 'b', 's')).toThrow('`key` is "b" but the secret "s" is not a JSON object');
    expect(() => chooseSecretValue('{"a":{"x":"hidden"}}', 'a', 's')).toThrow('Unsupported secret value type: object (key "a")');
    expect(() => chooseSecretValue('{"a":null}', undefined, 's')).toThrow('Unsupported secret value type: null (key "a")');
  });
});
