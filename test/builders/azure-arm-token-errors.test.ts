// azure-arm when the token endpoint itself fails: a 404 from the authority (a wrong tenant endpoint, a proxy that
// does not know it) stops the build at once with a message naming the authority, the tenant and the status, not
// after minutes of retries nor as an internal error, and leaves nothing.

import { afterEach, describe, expect, it } from 'vitest';
import { armHarnessForFile, armTemplate, buildOnArm, journalFiles, strayResources } from '../support/arm-emulator/harness.js';

const h = armHarnessForFile();

afterEach(() => h.emulator.faults.clear());

describe('azure-arm token endpoint failures', () => {
  it.each([
    ['the token endpoint', 'Token', '/oauth2/v2.0/token'],
    ['the tenant\'s OpenID configuration', 'OpenIdConfiguration', '/v2.0/.well-known/openid-configuration'],
  ])('a 404 from %s: a clear error naming the authority, tenant and status, at once, with nothing left', async (_what, action, path) => {
    h.emulator.faults.add({ action, error: 'NotFound', status: 404, times: 100 });
    const made = h.emulator.made().length;
    const started = Date.now();
    const r = await buildOnArm(h, armTemplate(h));
    const took = Date.now() - started;
    expect(r.code, r.output).toBe(1);
    expect(r.output).not.toContain('internal error');
    expect(r.output).toContain(`Could not get an access token from Microsoft Entra ID: the authority ${h.emulator.endpoint} answered HTTP 404 for tenant ${h.emulator.tenantId} (${h.emulator.endpoint}/${h.emulator.tenantId}${path})`);
    expect(r.output).not.toContain(h.emulator.clientSecret);
    const tokenCalls = h.emulator.calls.filter((c) => c.operation === action).length;
    expect(tokenCalls, r.output).toBeLessThanOrEqual(3);
    expect(took, r.output).toBeLessThan(10_000);
    expect(h.emulator.made().length).toBe(made);
    expect(strayResources(h)).toEqual([]);
    expect(journalFiles(r.dir)).toEqual([]);
  });
});
