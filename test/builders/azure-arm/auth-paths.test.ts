// azure-arm's other ways in, against the ARM emulator: the Azure CLI's login (a stand-in `az` first on PATH), the
// machine's managed identity (a local instance metadata service, reached through AZURE_POD_IDENTITY_AUTHORITY_HOST as
// the SDK's credential and the subscription lookup both honour), and async_resourcegroup_delete.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armHarnessForFile, armTemplate, buildOnArm, journalFiles, strayResources } from '../../support/arm-emulator/harness.js';
import { installAz } from '../../support/arm-emulator/az-cli.js';
import { waitFor } from '../../support/wait.js';

const h = armHarnessForFile();

/** Environment variables that would pick another managed identity source than the instance metadata service. */
const OTHER_MSI_SOURCES = { IDENTITY_ENDPOINT: '', IDENTITY_HEADER: '', IDENTITY_SERVER_THUMBPRINT: '', IMDS_ENDPOINT: '', MSI_ENDPOINT: '', MSI_SECRET: '' };

interface Imds {
  url: string;
  requests: string[];
  server: Server;
}

/** The instance metadata service of a VM with a managed identity: tokens the emulator accepts, and the VM's subscription. */
async function startImds(): Promise<Imds> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    if (req.headers.metadata !== 'true') {
      res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'invalid_request', error_description: 'Required metadata header not specified' }));
    } else if (url.pathname.replace(/\/$/, '') === '/metadata/identity/oauth2/token') {
      const now = Math.floor(Date.now() / 1000);
      const body = { access_token: h.emulator.mintToken(), client_id: 'b0e0c1a2-0000-4000-8000-00000000f00d', expires_in: '3599', expires_on: String(now + 3599), ext_expires_in: '3599', not_before: String(now), resource: url.searchParams.get('resource'), token_type: 'Bearer' };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    } else if (url.pathname === '/metadata/instance/compute/subscriptionId') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(h.emulator.subscriptionId);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

let imds: Imds;
beforeAll(async () => {
  imds = await startImds();
});
afterAll(async () => {
  imds.server.closeAllConnections();
  await new Promise((resolve) => imds.server.close(resolve));
});

const noClient = { client_id: undefined, client_secret: undefined };

describe('azure-arm authentication paths', () => {
  it('authenticates with the Azure CLI login (use_azure_cli_auth)', async () => {
    const dir = h.newDir();
    const az = installAz(dir, { token: h.emulator.mintToken(), subscription: h.emulator.subscriptionId, tenant: h.emulator.tenantId });
    const calls = h.emulator.calls.length;
    const r = await buildOnArm(h, armTemplate(h, { options: { ...noClient, use_azure_cli_auth: true, managed_image_name: 'by-cli' } }), { env: { PATH: `${az.binDir}:${process.env.PATH}` } });
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain('ManagedImageName: by-cli\n');
    expect(az.calls()[0]).toBe(`account get-access-token --output json --resource ${h.emulator.endpoint} --tenant ${h.emulator.tenantId}`);
    // No token was asked of Entra ID: the CLI's was used.
    expect(h.emulator.calls.slice(calls).map((c) => c.operation)).not.toContain('Token');
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });

  it('says to run az login when the Azure CLI is not logged in, and makes nothing', async () => {
    const dir = h.newDir();
    const az = installAz(dir, { notLoggedIn: true });
    const calls = h.emulator.calls.length;
    const r = await buildOnArm(h, armTemplate(h, { options: { ...noClient, use_azure_cli_auth: true, managed_image_name: 'never' } }), { env: { PATH: `${az.binDir}:${process.env.PATH}` } });
    expect(r.code).toBe(1);
    expect(r.output).toContain("Please run 'az login'");
    expect(r.output).not.toContain('internal error');
    expect(az.calls().length).toBeGreaterThan(0);
    expect(h.emulator.calls.slice(calls).filter((c) => c.method !== 'GET' && c.operation !== 'Token')).toEqual([]);
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });

  it("authenticates with the machine's managed identity, its subscription from the instance metadata service", async () => {
    const before = imds.requests.length;
    const calls = h.emulator.calls.length;
    const r = await buildOnArm(h, armTemplate(h, { options: { ...noClient, subscription_id: undefined, tenant_id: undefined, managed_image_name: 'by-msi' } }), {
      env: { ...OTHER_MSI_SOURCES, AZURE_POD_IDENTITY_AUTHORITY_HOST: imds.url },
    });
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toContain(`ManagedImageId: /subscriptions/${h.emulator.subscriptionId}/resourceGroups/`);
    const asked = imds.requests.slice(before);
    expect(asked).toContain('/metadata/instance/compute/subscriptionId?api-version=2017-08-01&format=text');
    expect(asked.some((p) => /^\/metadata\/identity\/oauth2\/token\/?\?/.test(p) && p.includes(`resource=${encodeURIComponent(h.emulator.endpoint)}`))).toBe(true);
    expect(h.emulator.calls.slice(calls).map((c) => c.operation)).not.toContain('Token');
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });

  it('returns without waiting for the temporary resource group to be deleted (async_resourcegroup_delete), which is deleted later', async () => {
    // The group's delete stays under way until the test lets it finish.
    h.emulator.setDelays({ ResourceGroups_Delete: 10 * 60_000 });
    const made = h.emulator.made().length;
    const r = await buildOnArm(h, armTemplate(h, { options: { async_resourcegroup_delete: true, managed_image_name: 'async-delete' } }));
    expect(r.code, r.output).toBe(0);
    const group = h.emulator.made().slice(made).find((x) => x.type === 'Microsoft.Resources/resourceGroups')!;
    expect(r.stdout).toContain(`Resource Group is being deleted, not waiting for deletion due to config. Resource Group Name '${group.name}'\n`);
    expect(h.emulator.resources().find((x) => x.id === group.id)?.properties.provisioningState).toBe('Deleting');
    expect(journalFiles(r.dir)).toEqual([]);
    h.emulator.setDelays({ ResourceGroups_Delete: 100 });
    h.emulator.finishOperations();
    await waitFor(() => !h.emulator.resources().some((x) => x.id === group.id), { what: `the resource group ${group.name} to be deleted` });
    expect(strayResources(h)).toEqual([]);
  });
});
