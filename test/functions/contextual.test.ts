// vault, consul_key and aws_secretsmanager against a real HTTP server (a child process, because the calls
// block this one), and the errors when a service cannot be reached.

import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFunction } from '../../src/functions/index.js';
import { FunctionError } from '../../src/functions/types.js';
import { Value } from '../../src/value/value.js';
import { testContext } from './support.js';

const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const json = (status, data) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(data)); };
    if (req.url === '/v1/secret/data/app') {
      if (req.headers['x-vault-token'] !== 't0ken') return json(403, { errors: ['permission denied'] });
      return json(200, { data: { data: { password: 'v2-secret' }, metadata: {} } });
    }
    if (req.url === '/v1/kv1/app') return json(200, { data: { password: 'v1-secret' } });
    if (req.url === '/v1/kv/config/db') return json(200, [{ Key: 'config/db', Value: Buffer.from('consul-value').toString('base64') }]);
    if (req.method === 'POST' && req.headers['x-amz-target'] === 'secretsmanager.GetSecretValue') {
      const auth = req.headers.authorization || '';
      if (!auth.startsWith('AWS4-HMAC-SHA256 Credential=AKID/')) return json(400, { __type: 'InvalidSignatureException', message: 'bad' });
      const id = JSON.parse(body).SecretId;
      if (id === 'json') return json(200, { Name: id, SecretString: JSON.stringify({ user: 'u', pass: 'p' }) });
      if (id === 'plain') return json(200, { Name: id, SecretString: 'just text' });
      return json(400, { __type: 'com.amazonaws#ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." });
    }
    json(404, { errors: [] });
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

let server: ChildProcess;
let base = '';

beforeAll(async () => {
  server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => server.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())));
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  server.kill();
});

function call(name: string, args: string[], env: Record<string, string>) {
  return callFunction(
    name,
    args.map((a) => Value.string(a)),
    testContext({ env }),
  );
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof FunctionError) return e.detail;
    throw e;
  }
  return 'no error';
}

describe('vault', () => {
  it('reads KV v2 and KV v1 secrets', () => {
    const env = { VAULT_ADDR: base, VAULT_TOKEN: 't0ken' };
    expect(call('vault', ['secret/data/app', 'password'], env).asString()).toBe('v2-secret');
    expect(call('vault', ['kv1/app', 'password'], env).asString()).toBe('v1-secret');
  });

  it('explains missing secrets, keys and permissions', () => {
    const env = { VAULT_ADDR: base, VAULT_TOKEN: 't0ken' };
    expect(message(() => call('vault', ['secret/data/none', 'k'], env))).toBe(
      'Call to function "vault" failed: Vault Secret does not exist at the given path.',
    );
    expect(message(() => call('vault', ['secret/data/app', 'nope'], env))).toBe(
      'Call to function "vault" failed: Vault path does not contain the requested key.',
    );
    expect(message(() => call('vault', ['secret/data/app', 'password'], { VAULT_ADDR: base, VAULT_TOKEN: 'wrong' }))).toContain('permission denied');
  });

  it('says which address could not be reached', () => {
    const detail = message(() => call('vault', ['secret/x', 'k'], { VAULT_ADDR: 'http://127.0.0.1:9', VAULT_TOKEN: 't' }));
    expect(detail).toMatch(/^Call to function "vault" failed: Error reading vault secret: cannot reach http:\/\/127\.0\.0\.1:9: /);
  });
});

describe('consul_key', () => {
  it('reads a key', () => {
    expect(call('consul_key', ['config/db'], { CONSUL_HTTP_ADDR: base.replace('http://', '') }).asString()).toBe('consul-value');
  });

  it('explains a missing key and an unreachable agent', () => {
    expect(message(() => call('consul_key', ['missing'], { CONSUL_HTTP_ADDR: base }))).toBe(
      'Call to function "consul_key" failed: key does not exist at the given path: missing.',
    );
    expect(message(() => call('consul_key', ['k'], { CONSUL_HTTP_ADDR: '127.0.0.1:9' }))).toContain('cannot reach http://127.0.0.1:9');
  });
});

describe('aws_secretsmanager', () => {
  const env = () => ({ AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: base });

  it('reads a key of a JSON secret, and raw secrets', () => {
    expect(call('aws_secretsmanager', ['json', 'pass'], env()).asString()).toBe('p');
    expect(call('aws_secretsmanager', ['plain', ''], env()).asString()).toBe('just text');
    expect(call('aws_secretsmanager_raw', ['json'], env()).asString()).toBe('{"user":"u","pass":"p"}');
  });

  it('reports service errors and ambiguous secrets', () => {
    expect(message(() => call('aws_secretsmanager', ['json', ''], env()))).toBe(
      'Call to function "aws_secretsmanager" failed: Secret has multiple values and no key was set.',
    );
    expect(message(() => call('aws_secretsmanager', ['other', 'k'], env()))).toBe(
      'Call to function "aws_secretsmanager" failed: ResourceNotFoundException: Secrets Manager can\'t find the specified secret.',
    );
  });
});
