// A stand-in for the Azure CLI, for builds with use_azure_cli_auth: an `az` shell script answering
// `az account get-access-token --output json --resource <endpoint> [--tenant <t>]` (the command @azure/identity's
// AzureCliCredential runs) with the JSON the real CLI prints, or failing as it does when nobody ran `az login`.
// Each call's arguments are appended to a log file.

import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AzStandIn {
  /** The folder to put first on PATH. */
  binDir: string;
  /** The arguments of each call so far, one string per call. */
  calls(): string[];
}

export type AzAnswer = { token: string; subscription: string; tenant: string } | { notLoggedIn: true };

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Writes `<dir>/az-bin/az` answering as `answer` says. */
export function installAz(dir: string, answer: AzAnswer): AzStandIn {
  const binDir = join(dir, 'az-bin');
  const log = join(dir, 'az-calls.log');
  mkdirSync(binDir, { recursive: true });
  writeFileSync(log, '');
  let reply: string;
  if ('notLoggedIn' in answer) {
    reply = `echo "ERROR: Please run 'az login' to setup account." >&2\nexit 1`;
  } else {
    const expires = Math.floor(Date.now() / 1000) + 3600;
    const body = {
      accessToken: answer.token,
      expiresOn: new Date(expires * 1000).toISOString().replace('T', ' ').replace('Z', '000'),
      expires_on: expires,
      subscription: answer.subscription,
      tenant: answer.tenant,
      tokenType: 'Bearer',
    };
    reply = `printf '%s\\n' ${quote(JSON.stringify(body, null, 2))}`;
  }
  const script = [
    '#!/bin/sh',
    `printf '%s\\n' "$*" >> ${quote(log)}`,
    'if [ "$1" != account ] || [ "$2" != get-access-token ]; then',
    `  echo "ERROR: 'az $1 $2' is not answered by this stand-in" >&2`,
    '  exit 2',
    'fi',
    reply,
    '',
  ].join('\n');
  writeFileSync(join(binDir, 'az'), script);
  chmodSync(join(binDir, 'az'), 0o755);
  return { binDir, calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}
