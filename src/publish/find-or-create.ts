// Find-or-create against a registry that other runs write to at the same time: a create answered 409 means another run
// created the object between the look-up and the create, so it is looked up again and used.

import { RegistryError } from '../../registry/api/client.js';

export async function findOrCreate<T>(
  find: () => Promise<T | undefined>,
  create: () => Promise<T>,
  /** The look-up after a 409 (`find` unless given: one that asks the registry, when `find` looked at what was read before). */
  findAgain: () => Promise<T | undefined> = find,
): Promise<{ value: T; created: boolean }> {
  const found = await find();
  if (found) return { value: found, created: false };
  try {
    return { value: await create(), created: true };
  } catch (e) {
    if (!(e instanceof RegistryError && e.status === 409)) throw e;
    const now = await findAgain();
    if (!now) throw e;
    return { value: now, created: false };
  }
}
