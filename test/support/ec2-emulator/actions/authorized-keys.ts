// The instance's side of a key pair: the sshd standing in for a launched instance must accept the key pair it was
// launched with, as cloud-init puts it in the machine's authorized_keys. Launch actions are wrapped so that, when the
// emulator was given an authorized_keys file, a successful launch naming KeyName appends that key's public key.

import { appendFileSync, readFileSync } from 'node:fs';
import type { Action, ActionContext } from '../context.js';

/** Appends the public key of the caller's key pair `keyName` to the authorized keys file, once. */
export function authorizeKeyPair(ctx: ActionContext, keyName: string | undefined): void {
  const file = ctx.settings.authorizedKeysFile;
  if (!file || keyName === undefined) return;
  const key = ctx.store.list('key-pair', ctx.caller.region).find((k) => k.name === keyName);
  if (!key) return;
  let present = '';
  try {
    present = readFileSync(file, 'utf8');
  } catch {
    // not made yet
  }
  if (present.includes(key.publicKey)) return;
  appendFileSync(file, `${present === '' || present.endsWith('\n') ? '' : '\n'}${key.publicKey} ${key.name}\n`, { mode: 0o600 });
}

/** `launch`, then the KeyName it was called with authorized. */
export function withAuthorizedKey(launch: Action): Action {
  return (ctx) => {
    const result = launch(ctx);
    authorizeKeyPair(ctx, ctx.params.get('KeyName'));
    return result;
  };
}
