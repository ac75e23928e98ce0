// A top-level hcp_packer_registry block (current Packer's place for it; Packer 1.6.6 predates it, so this follows
// Packer's documentation): accepted by every command, checked, and a warning says that nothing is published.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { startHttpServer, type TestHttpServer } from '../../support/http-server.js';
import { templateDir } from './build-fixtures.js';

let server: TestHttpServer;
beforeAll(async () => {
  server = await startHttpServer((_req, res) => res.end('not_a_bucket_name'));
});
afterAll(() => server.close());

const TEMPLATE = `
source "null" "a" { communicator = "none" }
source "null" "b" { communicator = "none" }
hcp_packer_registry {
  bucket_name   = "app-images"
  bucket_labels = { team = "platform" }
}
build { sources = ["source.null.a", "source.null.b"] }
`;
const WARNING = 'Warning: Nothing will be published to an image registry\n\n  on main.pkr.hcl line 4, column 1:';

describe('top-level hcp_packer_registry', () => {
  it('passes validate -syntax-only and validate, with the warning', async () => {
    const dir = templateDir(TEMPLATE);
    expect(await runCli(['validate', '-syntax-only', '.'], { cwd: dir })).toMatchObject({ code: 0, stdout: 'Syntax-only check passed. Everything looks okay.\n' });
    const r = await runCli(['validate', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(WARNING);
    expect(r.stdout).toMatch(/The configuration is valid\.\n$/);
  });

  it('builds, warning first that nothing was published', async () => {
    const r = await runCli(['build', '-color=false', '.'], { cwd: templateDir(TEMPLATE) });
    expect(r.code).toBe(0);
    expect(r.stdout.indexOf(WARNING)).toBe(0);
    expect(r.stdout).toContain('--> null.a: Did not export anything.');
    expect(r.stdout).toContain('--> null.b: Did not export anything.');
  });

  it('runs the data sources it uses with build -only, so that its values are checked', async () => {
    const text = TEMPLATE.replace('bucket_name   = "app-images"', 'bucket_name   = data.http.name.body').replace('source "null" "a"', `data "http" "name" { url = "${server.base}/name" }\nsource "null" "a"`);
    const r = await runCli(['build', '-color=false', '-only=null.b', '.'], { cwd: templateDir(text) });
    expect(r.code).toBe(1);
    expect(server.requests.map((q) => q.url)).toContain('/name');
    expect(r.stdout).toContain('hcp_packer_registry.bucket_name can only contain between 3 and 36 ASCII letters, numbers and hyphens.');
  });

  it('is allowed once: a second block is a located error and nothing runs', async () => {
    const dir = templateDir(`${TEMPLATE}hcp_packer_registry { bucket_name = "other" }\n`);
    const r = await runCli(['build', '-color=false', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error: Only one hcp_packer_registry is allowed\n\n  on main.pkr.hcl line 9, column 1:');
    expect(r.stdout).toContain('The first hcp_packer_registry block is at main.pkr.hcl:4,1-20.');
    expect(r.stdout).not.toContain('Build ');
  });
});
