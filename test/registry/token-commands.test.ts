// `tsbuild registry token list | revoke` through the real CLI against a real registry server (TSBUILD_REGISTRY_URL,
// TSBUILD_REGISTRY_TOKEN): a table without secrets, `-json`, a revoked token refused at once, and the refusal of a
// token that is not an admin one.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenInfo } from '../../registry/api/types.js';
import { runCli } from '../support/cli.js';
import { startRegistry, type TestRegistry } from '../support/registry-server.js';

let reg: TestRegistry;
let admin: string;

function registry(args: string[], token: string) {
  return runCli(['registry', ...args], { cwd: reg.dir, env: { TSBUILD_REGISTRY_URL: reg.url, TSBUILD_REGISTRY_TOKEN: token } });
}

beforeAll(async () => {
  reg = await startRegistry('tsbuild-registry-tokens-');
  admin = await reg.newToken('admin');
});
afterAll(() => reg?.stop());

describe('tsbuild registry token list | revoke', () => {
  it('lists the tokens without their secrets, revokes one, and the server refuses it at once', async () => {
    const read = await reg.newToken('read');
    const listed = await registry(['token', 'list', '-json'], admin);
    expect(listed.code, listed.stderr).toBe(0);
    const tokens = JSON.parse(listed.stdout) as TokenInfo[];
    expect(tokens.map((t) => t.scope)).toEqual(['write', 'admin', 'read']);
    expect(tokens.every((t) => /^cli:/.test(t.author_id) && t.description === '')).toBe(true);
    const table = await registry(['token', 'list'], admin);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +SCOPE +CREATED +AUTHOR +DESCRIPTION$/);
    expect(lines.slice(1).map((l) => l.split(/ {2,}/).slice(0, 2))).toEqual(tokens.map((t) => [t.id, t.scope]));
    for (const secret of [reg.token, admin, read]) expect(listed.stdout + table.stdout).not.toContain(secret.slice(5));

    // The read token works (and is now in the server's cache) until it is revoked.
    expect((await registry(['buckets'], read)).code).toBe(0);
    const readId = tokens[2]!.id;
    const revoked = await registry(['token', 'revoke', readId], admin);
    expect([revoked.code, revoked.stdout, revoked.stderr]).toEqual([0, `Token ${readId} revoked.\n`, '']);
    const refused = await registry(['buckets'], read);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('401 unknown token');
    const again = await registry(['token', 'revoke', readId], admin);
    expect([again.code, again.stderr]).toEqual([1, `Error: the image registry at ${reg.url} refused DELETE /tokens/${readId}: 404 token "${readId}" not found\n`]);
  });

  it('refuses a write token with a message that asks for an admin token', async () => {
    const r = await registry(['token', 'list'], reg.token);
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe(`Error: the image registry at ${reg.url} refused GET /tokens: 403 a write token cannot manage tokens: use an admin token (TSBUILD_REGISTRY_TOKEN needs an admin token)\n`);
  });
});
