// azure-arm against Resource Manager's failures: wrong credentials, a missing source image, a quota refusal, a
// VM whose creation ends Failed each stop the build with a clear message and leave nothing; throttling (429 with
// Retry-After) and a server error are retried.

import { afterEach, describe, expect, it } from 'vitest';
import { armHarnessForFile, armTemplate, buildOnArm, journalFiles, strayResources } from '../../support/arm-emulator/harness.js';

const h = armHarnessForFile();

afterEach(() => {
  h.emulator.faults.clear();
  h.emulator.operationFaults.clear();
});

/** The build failed, said `message` on its error line, and left nothing (no resources, no journal). */
async function failsCleanly(template: string, message: string | RegExp) {
  const made = h.emulator.made().length;
  const r = await buildOnArm(h, template);
  expect(r.code, r.output).toBe(1);
  expect(r.output).toMatch(typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message);
  expect(r.output).not.toContain(h.emulator.clientSecret);
  expect(strayResources(h), r.output).toEqual([]);
  expect(h.emulator.leftovers().filter((l) => h.emulator.made().slice(made).some((m) => l.endsWith(` ${m.name}`)))).toEqual([]);
  expect(journalFiles(r.dir)).toEqual([]);
  return r;
}

describe('azure-arm failures', () => {
  it('wrong client secret: Entra ID\'s refusal, before anything is made', async () => {
    const r = await failsCleanly(armTemplate(h, { options: { client_secret: 'not-the-secret' } }), 'Invalid client secret provided');
    expect(r.output).not.toContain('not-the-secret');
  });

  it('missing marketplace image: said before anything is made', async () => {
    const calls = h.emulator.calls.length;
    await failsCleanly(armTemplate(h, { options: { image_sku: '18.04-LTS' } }), 'The source image Canonical:0001-com-ubuntu-server-jammy:18.04-LTS:latest does not exist in location westus2');
    expect(h.emulator.calls.slice(calls).map((c) => c.operation)).not.toContain('ResourceGroups_CreateOrUpdate');
  });

  it('quota exceeded (OperationNotAllowed) at VM creation: ARM\'s message, the resource group deleted', async () => {
    h.emulator.faults.add({ action: 'VirtualMachines_CreateOrUpdate', error: 'OperationNotAllowed' });
    await failsCleanly(armTemplate(h), /Error deploying the virtual machine: OperationNotAllowed: Operation could not be completed as it results in exceeding approved standardBSFamily Cores quota/);
  });

  it('a VM whose creation ends Failed: the operation\'s error, the VM and group deleted', async () => {
    h.emulator.operationFaults.add({ action: 'VirtualMachines_CreateOrUpdate', error: 'OSProvisioningTimedOut', message: 'OS Provisioning for VM did not finish in the allotted time.' });
    await failsCleanly(armTemplate(h), /Error deploying the virtual machine: .*OS Provisioning for VM did not finish in the allotted time/);
  });

  it('retries throttling (429 with Retry-After) and a server error, and builds', async () => {
    h.emulator.faults.add({ action: 'VirtualMachines_CreateOrUpdate', error: 'TooManyRequests' });
    h.emulator.faults.add({ action: 'NetworkInterfaces_CreateOrUpdate', error: 'InternalServerError' });
    const calls = h.emulator.calls.length;
    const r = await buildOnArm(h, armTemplate(h, { options: { managed_image_name: 'after-throttling' } }));
    expect(r.code, r.output).toBe(0);
    const seen = h.emulator.calls.slice(calls).filter((c) => c.status === 429 || c.status === 500).map((c) => `${c.operation} ${c.status}`);
    expect(seen).toEqual(['NetworkInterfaces_CreateOrUpdate 500', 'VirtualMachines_CreateOrUpdate 429']);
    expect(h.emulator.faults.pending()).toBe(0);
    expect(strayResources(h)).toEqual([]);
  });

  it('finds the tenant from the subscription when tenant_id is not given', async () => {
    const r = await buildOnArm(h, armTemplate(h, { options: { tenant_id: undefined, managed_image_name: 'found-tenant' } }));
    expect(r.code, r.output).toBe(0);
  });
});
