// vmware-iso's checks: each case is a template Packer 1.6.6 rejects for one reason; tsbuild's check of the same
// options gives the same message. Then Packer's defaults, and what tsbuild rejects that Packer would do.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { vmwareIsoConfig } from '../../../builders/vmware-iso/config.js';
import { configOf, problemsOf } from '../../support/config.js';
import { needs, packer } from '../../support/needs.js';
import { PACKER } from '../../support/packer-console.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'tsbuild-vmware-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { iso_url: 'x.iso', iso_checksum: 'none', ssh_username: 'a' };
const messages = (c: Record<string, unknown>) => problemsOf(vmwareIsoConfig, { ...base, ...c }, dir);

/** The errors Packer 1.6.6 reports for a vmware-iso builder with `options` (wrapped lines joined). */
async function packerErrors(options: Record<string, unknown>): Promise<string[]> {
  const file = join(dir, `t-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ builders: [{ type: 'vmware-iso', ...base, ...options }] }));
  const out = await run('timeout', ['60', PACKER!, 'validate', file], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).then(
    (r) => r.stdout + r.stderr,
    (e: { stdout: string; stderr: string }) => e.stdout + e.stderr,
  );
  return out
    .split(/\n\s*\* /)
    .slice(1)
    .map((s) => s.split('\n\n')[0]!.replace(/\n/g, ' ').trim());
}

needs(packer).describe('vmware-iso checks, compared with Packer 1.6.6', () => {
  needs(packer).each([
    [{ cpus: -1 }],
    [{ memory: -2 }],
    [{ cores: -3 }],
    [{ vnc_port_min: 7000, vnc_port_max: 6000 }],
    [{ format: 'qcow2' }],
    [{ cdrom_adapter_type: 'floppy' }],
    [{ vmx_template_path: '/nonexistent/t.vmx' }],
    [{ floppy_files: ['/nonexistent-floppy'] }],
    [{ floppy_dirs: ['/nonexistent-dir'] }],
    [{ cd_files: ['/nonexistent-cd'] }],
    [{ shutdown_timeout: 'soon' }],
    [{ boot_wait: 'soon' }],
    [{ iso_checksum: 'sha256:zz' }],
  ] as [Record<string, unknown>][])('%j', async (options) => {
    const want = await packerErrors(options);
    expect(want).toHaveLength(1);
    expect(messages(options)).toEqual(want);
  }, 60_000);

  it('accepts what Packer accepts (a template like the corpus ones)', async () => {
    const options = {
      guest_os_type: 'ubuntu-64',
      version: '14',
      cpus: 2,
      cores: 1,
      memory: 2048,
      disk_size: 20000,
      disk_additional_size: [1000, 2000],
      disk_adapter_type: 'nvme',
      disk_type_id: '0',
      network: 'hostonly',
      network_adapter_type: 'vmxnet3',
      sound: true,
      usb: true,
      serial: 'FILE:/tmp/serial',
      parallel: 'AUTO:bi',
      vmx_data: { 'cpuid.coresPerSocket': '1' },
      vmx_data_post: { memsize: '1024' },
      vmx_remove_ethernet_interfaces: true,
      display_name: 'shown',
      headless: true,
      tools_upload_flavor: 'linux',
      skip_compaction: true,
      format: 'ova',
      vm_name: 'vm',
      output_directory: 'out',
      vnc_disable_password: true,
      shutdown_command: 'poweroff',
      shutdown_timeout: '10m',
      boot_command: ['<esc><wait>linux ks=http://{{ .HTTPIP }}:{{ .HTTPPort }}/ks.cfg<enter>'],
      http_directory: '.',
    };
    expect(await packerErrors(options)).toEqual([]);
    expect(messages(options)).toEqual([]);
  }, 60_000);
});

describe('vmware-iso configuration', () => {
  it("applies Packer's defaults", () => {
    expect(configOf(vmwareIsoConfig, { ...base }, dir)).toMatchObject({
      guest_os_type: 'other',
      version: '9',
      disk_size: 40000,
      disk_adapter_type: 'lsilogic',
      disk_type_id: '1',
      vmdk_name: 'disk',
      network: 'nat',
      vnc_bind_address: '127.0.0.1',
      vnc_port_min: 5900,
      vnc_port_max: 6000,
      tools_upload_path: '{{ .Flavor }}.iso',
      shutdown_timeout: '5m',
      communicator: 'ssh',
      floppy_label: 'packer',
    });
  });

  it('reads serial and parallel ports as Packer does, and says what is wrong with one', () => {
    expect(messages({ serial: 'PIPE:/tmp/p,client,app' })).toEqual([]);
    expect(messages({ serial: 'bogus:1' })).toEqual(['Error processing VMX template: Unknown serial type BOGUS: bogus:1']);
    expect(messages({ serial: 'PIPE:/tmp/p,near,app' })).toEqual(['Error processing VMX template: Unexpected format for endpoint in serial port pipe: PIPE:/tmp/p,near,app -> near']);
    expect(messages({ parallel: 'DEVICE:/dev/lp0,sideways' })).toEqual(['Error processing VMX template: Unknown direction SIDEWAYS specified for parallel port: DEVICE:/dev/lp0,sideways']);
    expect(messages({ firmware: 'coreboot' })).toEqual(['firmware must be one of bios, efi, or efi-secure; got "coreboot"']);
  });

  it('rejects what tsbuild cannot honour, saying why', () => {
    expect(messages({ remote_type: 'esx5', remote_host: 'esx.example.com' })[0]).toMatch(/remote builds on ESXi \(remote_type = "esx5"\) are not supported \(set: remote_type, remote_host\)/);
    expect(messages({ fusion_app_path: '/Applications/VMware Fusion.app' })).toEqual([
      'fusion_app_path is not supported: VMware Fusion runs on macOS; tsbuild drives VMware Workstation/Player on Linux',
    ]);
    expect(messages({ communicator: 'winrm', winrm_username: 'a' })[0]).toMatch(/no WinRM communicator/);
    expect(messages({ vnc_over_websocket: true })[0]).toMatch(/vnc_over_websocket is not supported/);
  });
});
