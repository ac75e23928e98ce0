// The CLI with data sources: a real HTTP server on loopback answers the http data source.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildAndInterrupt, runCli } from '../../support/cli.js';
import { closedPort, startHttpServer, type TestHttpServer } from '../../support/http-server.js';
import { templateDir } from './build-fixtures.js';

let server: TestHttpServer;
beforeAll(async () => {
  server = await startHttpServer((req, res) => {
    if (req.url === '/missing') {
      res.statusCode = 404;
      res.end('not here');
      return;
    }
    if (req.url === '/hang') return; // never answers
    if (req.url === '/old') {
      res.statusCode = 301;
      res.setHeader('Location', '/version');
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'text/plain');
    res.end(`v1.2.3 for ${req.headers['x-who'] ?? 'nobody'}`);
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** A local uses a data source, a data source uses that local, and the build prints the result. */
const CHAINED = () => `
data "null" "who" { input = "tester" }
locals {
  who = data.null.who.output
  url = "${server.base}/old"
}
data "http" "version" {
  url             = local.url
  request_headers = { X-Who = local.who }
}
locals { line = "fetched \${trimspace(data.http.version.body)} (\${data.http.version.status_code})" }
source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  provisioner "shell-local" { inline = ["echo '\${local.line}'"] }
}
`;

describe('tsbuild build with data sources', () => {
  it('runs http and null data sources in dependency order with locals between them, then the build', async () => {
    const dir = templateDir(CHAINED());
    const r = await runCli(['build', '-color=false', '.'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('    null.a: fetched v1.2.3 for tester (200)\n');
    expect(server.requests.map((q) => [q.method, q.url, q.headers['x-who']])).toEqual([
      ['GET', '/old', 'tester'],
      ['GET', '/version', 'tester'],
    ]);
  });

  it('with -only, does not run a data source that only a build left out uses', async () => {
    const dir = templateDir(`
data "http" "for_b" { url = "${server.base}/version" }
source "null" "a" { communicator = "none" }
source "null" "b" { communicator = "none" }
build {
  sources = ["source.null.a"]
  provisioner "shell-local" { inline = ["echo a ran"] }
}
build {
  sources = ["source.null.b"]
  provisioner "shell-local" { inline = ["echo b got \${data.http.for_b.body}"] }
}
`);
    const onlyA = await runCli(['build', '-color=false', '-only=null.a', '.'], { cwd: dir });
    expect(onlyA.code, onlyA.stdout).toBe(0);
    expect(onlyA.stdout).toContain('    null.a: a ran');
    expect(onlyA.stdout).not.toContain('null.b');
    expect(server.requests).toEqual([]);

    const onlyB = await runCli(['build', '-color=false', '-only=null.b', '.'], { cwd: dir });
    expect(onlyB.code, onlyB.stdout).toBe(0);
    expect(onlyB.stdout).toContain('    null.b: b got v1.2.3 for nobody');
    expect(server.requests.map((q) => q.url)).toEqual(['/version']);
  });

  it('stops before any build when a data source fails: a 404 and a closed port, each with its URL', async () => {
    const port = await closedPort();
    const dir = templateDir(`
data "http" "missing" { url = "${server.base}/missing" }
data "http" "down" { url = "http://127.0.0.1:${port}/x" }
source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  provisioner "shell-local" { inline = ["echo \${data.http.missing.body} \${data.http.down.body}"] }
}
`);
    const r = await runCli(['build', '-color=false', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Error: Data source "http.missing" failed\n\n  on main.pkr.hcl line 2, column 1:`);
    expect(r.stdout).toContain(`HTTP request error: GET ${server.base}/missing answered 404 Not Found; a 2xx status is required`);
    expect(r.stdout).toContain(`Error: Data source "http.down" failed\n\n  on main.pkr.hcl line 3, column 1:`);
    expect(r.stdout).toContain(`HTTP request error: GET http://127.0.0.1:${port}/x failed: connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(r.stdout).not.toContain('Value not known');
    expect(r.stdout).not.toContain('Running local shell script');
  });

  it('builds a template with hcp_packer_registry, warning that nothing was published', async () => {
    const dir = templateDir(`
source "null" "a" { communicator = "none" }
build {
  hcp_packer_registry { bucket_name = "app" }
  sources = ["source.null.a"]
}
`);
    const build = await runCli(['build', '-color=false', '.'], { cwd: dir });
    expect(build.code).toBe(0);
    expect(build.stdout).toContain('Warning: Nothing will be published to an image registry\n\n  on main.pkr.hcl line 4, column 3:');
    expect(build.stdout).toContain('--> null.a: Did not export anything.');
    const validate = await runCli(['validate', '.'], { cwd: dir });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('Warning: Nothing will be published to an image registry');
    expect(validate.stdout).toContain('The configuration is valid.');
  });
});

describe('tsbuild build interrupted while a data source runs', () => {
  it('cancels the request and exits 1 without starting a build', async () => {
    const dir = templateDir(`
data "http" "slow" { url = "${server.base}/hang" }
source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  provisioner "shell-local" { inline = ["echo \${data.http.slow.body}"] }
}
`);
    // Interrupt once the server holds the request: the data source is running.
    const { code, out, sent } = await buildAndInterrupt(['-color=false', '.'], {
      cwd: dir,
      marker: '',
      ready: { check: () => server.requests.length > 0, what: 'the data source to send its request' },
    });
    expect(sent).toBe(true);
    expect(server.requests.map((q) => q.url)).toEqual(['/hang']);
    expect(code).toBe(1);
    expect(out).toContain('Cancelling build after receiving interrupt');
    expect(out).not.toContain('Running local shell script');
  });
});

describe('tsbuild validate with data sources', () => {
  it('checks data sources without running them; -evaluate-datasources runs them', async () => {
    const dir = templateDir(`
data "http" "v" { url = "${server.base}/missing" }
source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  provisioner "shell-local" { inline = ["echo \${data.http.v.body}"] }
}
`);
    const checked = await runCli(['validate', '.'], { cwd: dir });
    expect(checked.stdout).toBe('The configuration is valid.\n');
    expect(checked.code).toBe(0);
    expect(server.requests).toEqual([]);

    const evaluated = await runCli(['validate', '-evaluate-datasources', '.'], { cwd: dir });
    expect(evaluated.code).toBe(1);
    expect(evaluated.stdout).toContain('Error: Data source "http.v" failed');
    expect(server.requests.map((q) => q.url)).toEqual(['/missing']);
  });

  it('rejects bad data source arguments, unknown types and cycles, each located', async () => {
    const dir = templateDir(`
data "http" "v" {
  url    = "${server.base}/version"
  metod  = "GET"
}
data "htttp" "w" { url = "x" }
data "null" "a" { input = local.b }
locals { b = data.null.a.output }
source "null" "a" { communicator = "none" }
build { sources = ["source.null.a"] }
`);
    const r = await runCli(['validate', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error: Unsupported argument\n\n  on main.pkr.hcl line 4, column 3:\n    4:   metod  = "GET"\n');
    expect(r.stdout).toContain('Did you mean "method"?');
    expect(r.stdout).toContain('Error: Unknown data source type "htttp"\n\n  on main.pkr.hcl line 6, column 6:');
    expect(r.stdout).toContain('There is no data source named "htttp". Did you mean "http"?');
    expect(r.stdout).toContain('Error: Circular reference between locals and data sources\n\n  on main.pkr.hcl line 7, column 1:');
    expect(r.stdout).toContain('data.null.a depends on itself: data.null.a -> local.b -> data.null.a.');
    expect(server.requests).toEqual([]);
  });
});

describe('tsbuild console with data sources', () => {
  it('runs them, as Packer does, so their values can be looked at', async () => {
    const dir = templateDir(CHAINED());
    const r = await runCli(['console', '.'], { cwd: dir, input: 'data.null.who.output\nlocal.line\n' });
    expect(r.stdout).toBe('tester\nfetched v1.2.3 for tester (200)\n');
    expect(r.code).toBe(0);
  });
});
