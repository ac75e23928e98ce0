import type { Range } from '../hcl/ast.js';
import { Secrets } from '../ui/secrets.js';
import { sensitiveStrings } from '../value/sensitive.js';
import type { Value } from '../value/value.js';

/**
 * The sensitive texts of a template: the values of its sensitive variables and locals, the sensitive parts of its
 * data sources' outputs (secrets from Secrets Manager, SecureString parameters), and the source ranges of
 * the values assigned to sensitive variables (hidden in quoted source lines even when the value was rejected).
 */
export function templateSecrets(t: { variables: ReadonlyMap<string, Value>; locals?: ReadonlyMap<string, Value>; data?: ReadonlyMap<string, Value>; sensitiveRanges?: readonly Range[] }): Secrets {
  const secrets = new Secrets(sensitiveStrings([...t.variables.values(), ...(t.locals?.values() ?? []), ...(t.data?.values() ?? [])]));
  secrets.addRanges(t.sensitiveRanges ?? []);
  return secrets;
}
