// What every `tsbuild registry` subcommand that talks to a server shares: the client from TSBUILD_REGISTRY_URL and
// TSBUILD_REGISTRY_TOKEN, and its output (a table or message for people, the API objects as JSON with `-json`). These
// commands load the API client only: no server, store or database code.

import type { CliIO } from '../../src/cli/io.js';
import { clientFromEnv, REGISTRY_TOKEN_ENV, REGISTRY_URL_ENV, RegistryError, type RegistryClient } from '../api/client.js';

export interface OutputOptions {
  json?: boolean;
}

/** Runs `f` with a client; a missing address or the registry's refusal (which names the address) is a message and exit 1. */
export async function withClient(io: CliIO, f: (client: RegistryClient) => Promise<void>): Promise<number> {
  const client = clientFromEnv(io.env);
  if (!client) {
    io.stderr.write(`Error: ${REGISTRY_URL_ENV} is not set: give the registry's address (such as http://127.0.0.1:8080) and a token in ${REGISTRY_TOKEN_ENV}\n`);
    return 1;
  }
  try {
    await f(client);
    return 0;
  } catch (e) {
    if (!(e instanceof RegistryError)) throw e;
    io.stderr.write(`Error: ${e.message}\n`);
    return 1;
  }
}

/** Prints `value` as JSON with `-json`, else the text `forPeople` makes. */
export function print(io: CliIO, o: OutputOptions, value: unknown, forPeople: () => string): void {
  io.stdout.write(o.json ? `${JSON.stringify(value, null, 2)}\n` : forPeople());
}
