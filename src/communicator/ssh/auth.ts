// The authentication methods of one login, in Packer's order (agent, public key or certificate, password,
// keyboard-interactive with the password), as an ssh2 auth handler that remembers what the server accepts.

import { readFile } from 'node:fs/promises';
import type { AuthHandlerMiddleware, AuthenticationType, ParsedKey } from 'ssh2';
import { certifiedKey, patchCertificateAuth } from './cert-auth.js';
import type { SshLogin } from './config.js';

import type { Ssh2 } from './load.js';
type AuthMethod = Exclude<Parameters<NextAuthHandler>[0], false | AuthenticationType>;
type NextAuthHandler = (authName: AuthenticationType | AuthHandlerResult | false) => void;
type AuthHandlerResult = Record<string, unknown> & { type: string };

export interface LoginAuth {
  /** ssh2's authHandler. */
  handler: AuthHandlerMiddleware;
  /** The agent socket, when agent authentication is on. */
  agent?: string;
  /** The methods the server said it accepts, once it has refused one. */
  serverMethods(): string[];
}

/** Reads and parses a private key file; an encrypted key or a bad file is a clear error. */
export async function readPrivateKey(ssh2: Ssh2, path: string | undefined, content?: string): Promise<ParsedKey> {
  const text = content ?? (await readFile(path!, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new Error(`Error setting up SSH config: failed to read key file '${path}': ${e.message}`);
  }));
  const parsed = ssh2.utils.parseKey(text);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) {
    throw new Error(`Error setting up SSH config: failed to parse key file '${path ?? 'temporary key'}': ${key instanceof Error ? key.message : 'no key'}`);
  }
  return key;
}

/**
 * Prepares the login's methods; `env` gives SSH_AUTH_SOCK for agent authentication; `protocolOf` gives the
 * client's protocol once connected (certificates need it).
 */
export async function prepareAuth(ssh2: Ssh2, login: SshLogin, env: Readonly<Record<string, string | undefined>>, protocolOf: () => unknown): Promise<LoginAuth> {
  const methods: AuthHandlerResult[] = [];
  const username = login.username;
  const agent = login.agentAuth ? env.SSH_AUTH_SOCK : undefined;
  if (login.agentAuth && !agent) throw new Error('SSH_AUTH_SOCK is not set: ssh_agent_auth needs a running ssh-agent');
  if (agent) methods.push({ type: 'agent', username, agent });
  let certKey: ParsedKey | undefined;
  if (login.privateKeyFile || login.privateKey) {
    const key = await readPrivateKey(ssh2, login.privateKeyFile, login.privateKey);
    if (login.certificateFile) {
      const certText = await readFile(login.certificateFile, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new Error(`Error setting up SSH config: failed to read certificate file '${login.certificateFile}': ${e.message}`);
      });
      certKey = certifiedKey(key, certText);
      methods.push({ type: 'publickey', username, key: certKey });
    } else {
      methods.push({ type: 'publickey', username, key });
    }
  }
  if (login.password !== undefined) {
    const password = login.password;
    methods.push({ type: 'password', username, password });
    methods.push({ type: 'keyboard-interactive', username, prompt: (_n: string, _i: string, _l: string, prompts: unknown[], finish: (a: string[]) => void) => finish(prompts.map(() => password)) });
  }
  let serverMethods: string[] = [];
  let queue = [...methods];
  const handler = function (methodsLeft: AuthenticationType[] | null, _partial: boolean | null, next: NextAuthHandler) {
    if (methodsLeft) serverMethods = methodsLeft;
    const protocol = protocolOf();
    if (certKey && protocol) patchCertificateAuth(protocol, certKey);
    // Offer only what the server still accepts (after its first answer).
    if (methodsLeft) queue = queue.filter((m) => methodsLeft.includes((m.type === 'agent' ? 'publickey' : m.type) as AuthenticationType));
    const method = queue.shift();
    next(method ? (method as unknown as AuthMethod) : false);
  } as unknown as AuthHandlerMiddleware;
  return { handler, agent, serverMethods: () => serverMethods };
}
