// End to end with the recording stand-in for VMware's tools (test/support/vmware-standin): the real CLI builds
// vmware-iso templates; the calls to vmrun, vmware-vdiskmanager and ovftool and the .vmx file are checked against
// what Packer's Workstation driver does; SSH goes to a real OpenSSH server on loopback (the stand-in's DHCP lease
// gives 127.0.0.1), so provisioning runs for real. Faults: vmrun start failing, SSH never coming up, Ctrl-C.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseVmx } from '../../../builders/vmware-iso/vmx-file.js';
import { buildAndInterrupt, runCli } from '../../support/cli.js';
import { makeTestKeys, startSshd, type TestKeys, type TestSshd } from '../../support/sshd.js';
import { makeStandin, standinTemplate, type Standin } from '../../support/vmware-standin/setup.js';

let keys: TestKeys;
let sshd: TestSshd;
let standin: Standin;
let dir: string;

beforeAll(async () => {
  keys = makeTestKeys();
  sshd = await startSshd(keys);
});
afterAll(async () => {
  await sshd.stop();
  rmSync(keys.dir, { recursive: true, force: true });
});
beforeEach(() => {
  standin = makeStandin();
  dir = mkdtempSync(join(tmpdir(), 'tsbuild-vmware-'));
  writeFileSync(join(dir, 'installer.iso'), 'not really an ISO\n');
  mkdirSync(join(dir, 'files'));
  writeFileSync(join(dir, 'files', 'ks.cfg'), 'kickstart\n');
  return () => {
    standin.remove();
    rmSync(dir, { recursive: true, force: true });
  };
});

const vmxPath = () => join(dir, 'out', 'vm.vmx');

/** A template: the stand-in gives the machine 127.0.0.1, where the test's sshd listens. */
function template(extra = '', provision = ''): string {
  return standinTemplate(
    `  ssh_username         = "root"
  ssh_port             = ${sshd.port}
  ssh_private_key_file = "${keys.key}"
  ssh_timeout          = "30s"
  shutdown_command     = "${standin.poweroffCommand(vmxPath())}"
${extra}`,
    `${provision}\n`,
  );
}

const build = (args: string[] = [], env: Record<string, string> = {}) => runCli(['build', '-color=false', ...args, '.'], { cwd: dir, env: standin.env(env) });

/** The calls, with the polling `vmrun list` calls of a wait collapsed into one. */
function calls(): string[] {
  const out: string[] = [];
  for (const c of standin.calls()) {
    const line = c.join(' ').replaceAll(dir, '<dir>');
    if (line !== out[out.length - 1] || !line.endsWith(' list')) out.push(line);
  }
  return out;
}

describe('vmware-iso with the stand-in for VMware', () => {
  it("builds as Packer's Workstation driver does: disks, .vmx, start, SSH, provisioning, shutdown, compaction, export", async () => {
    const marker = join(dir, 'provisioned');
    writeFileSync(
      join(dir, 'main.pkr.hcl'),
      template(
        `  floppy_files         = ["files/ks.cfg"]
  cd_files             = ["files"]
  cd_label             = "cidata"
  disk_size            = 2048
  disk_additional_size = [100, 200]
  cpus                 = 2
  cores                = 2
  memory               = 1024
  network_adapter_type = "vmxnet3"
  vmx_data             = { "cpuid.coresPerSocket" = "1", "RemoteDisplay.vnc.WebSocket.enabled" = "FALSE" }
  vmx_data_post        = { "memsize" = "4096" }
  format               = "ova"
`,
        `  provisioner "shell" {
    inline = ["echo \\"provisioned $PACKER_BUILDER_TYPE\\" > ${marker}", "cp ${vmxPath()} ${join(dir, 'during.vmx')}"]
  }
  post-processor "manifest" {
    output = "manifest.json"
  }`,
      ),
    );
    const r = await build();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('provisioned vmware-iso\n');
    expect(calls()).toEqual([
      'vmware-vdiskmanager -c -s 2048M -a lsilogic -t 1 out/disk.vmdk',
      'vmware-vdiskmanager -c -s 100M -a lsilogic -t 1 out/disk-1.vmdk',
      'vmware-vdiskmanager -c -s 200M -a lsilogic -t 1 out/disk-2.vmdk',
      'vmrun -T ws start out/vm.vmx nogui',
      'vmrun -T ws list',
      'vmware-vdiskmanager -d out/disk.vmdk',
      'vmware-vdiskmanager -k out/disk.vmdk',
      'vmware-vdiskmanager -d out/disk-1.vmdk',
      'vmware-vdiskmanager -k out/disk-1.vmdk',
      'vmware-vdiskmanager -d out/disk-2.vmdk',
      'vmware-vdiskmanager -k out/disk-2.vmdk',
      'ovftool out/vm.vmx out/vm.ova',
      'vmrun -T ws list',
    ]);
    // While the machine ran: the ISO, the floppy and the cd_files CD attached, VMware's MAC address, vmx_data merged.
    const during = parseVmx(readFileSync(join(dir, 'during.vmx'), 'utf8'));
    expect(during).toMatchObject({
      'ide0:0.devicetype': 'cdrom-image',
      'ide0:0.filename': join(dir, 'installer.iso'),
      'floppy0.present': 'TRUE',
      'floppy0.filetype': 'file',
      'ide1:0.present': 'TRUE',
      'ide1:0.devicetype': 'cdrom-image',
      numvcpus: '2',
      memsize: '1024',
      'cpuid.corespersocket': '1',
    });
    expect(during['floppy0.filename']).toMatch(/\.vfd$/);
    expect(during['ide1:0.filename']).toMatch(/\.iso$/);
    expect(during['ethernet0.generatedaddress']).toMatch(/^00:0c:29:/);
    const text = readFileSync(vmxPath(), 'utf8');
    // Written as Packer writes .vmx files: lowercased keys in byte order, every value quoted.
    const lines = text.trimEnd().split('\n');
    expect(lines).toEqual([...lines].sort((a, b) => (a.split(' = ')[0]! < b.split(' = ')[0]! ? -1 : 1)));
    for (const l of lines) expect(l).toMatch(/^[a-z0-9.:_]+ = ".*"$/);
    const vmx = parseVmx(text);
    expect(vmx).toMatchObject({
      '.encoding': 'UTF-8',
      displayname: 'vm',
      guestos: 'other',
      'virtualhw.version': '9',
      numvcpus: '2',
      'cpuid.corespersocket': '1',
      memsize: '4096',
      'ethernet0.connectiontype': 'nat',
      'ethernet0.virtualdev': 'vmxnet3',
      'scsi0.present': 'TRUE',
      'scsi0.virtualdev': 'lsilogic',
      'scsi0:0.filename': 'disk.vmdk',
      'scsi0:1.filename': 'disk-1.vmdk',
      'scsi0:2.filename': 'disk-2.vmdk',
      // The installer's CD-ROM and the cd_files one, back to the host's drive; the floppy removed.
      'ide0:0.devicetype': 'cdrom-raw',
      'ide0:0.filename': 'auto detect',
      'ide1:0.devicetype': 'cdrom-raw',
      'floppy0.present': 'FALSE',
      'msg.autoanswer': 'true',
      'uuid.action': 'create',
      extendedconfigfile: 'vm.vmxf',
      'remotedisplay.vnc.websocket.enabled': 'FALSE',
    });
    expect(vmx['floppy0.filename']).toBeUndefined();
    expect(vmx['ethernet0.generatedaddress']).toBeUndefined();
    expect(vmx['remotedisplay.vnc.enabled']).toBeUndefined();
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['disk-1.vmdk', 'disk-2.vmdk', 'disk.vmdk', 'vm.ova', 'vm.vmx']);
    expect(r.stdout).toContain('    vmware-iso.x: Deleting: out/vmware.log');
    expect(r.stdout).toContain('--> vmware-iso.x: VM files in directory: out');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { builds: { builder_type: string; artifact_id: string; files: { name: string }[] }[] };
    expect(manifest.builds[0]).toMatchObject({ builder_type: 'vmware-iso', artifact_id: 'vm' });
    expect(manifest.builds[0]!.files.map((f) => f.name).sort()).toEqual(['out/disk-1.vmdk', 'out/disk-2.vmdk', 'out/disk.vmdk', 'out/vm.ova', 'out/vm.vmx']);
  }, 120_000);

  it("shows vmrun's output when the machine does not start, and removes the output directory", async () => {
    writeFileSync(join(dir, 'main.pkr.hcl'), template());
    const r = await build([], { VMWARE_STANDIN_FAIL_START: 'The operation was canceled: licence expired' });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('Error starting VM: ');
    expect(r.stdout + r.stderr).toContain('The operation was canceled: licence expired');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }, 120_000);

  it('stops the machine and removes the output directory when SSH never comes up', async () => {
    writeFileSync(join(dir, 'main.pkr.hcl'), template().replace('ssh_timeout          = "30s"', 'ssh_timeout          = "2s"'));
    const r = await build([], { VMWARE_STANDIN_NO_LEASE: '1' });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/Timeout waiting for SSH: none of the found device\(s\) \[vmnet8\] has a DHCP lease for MAC 00:0c:29/);
    expect(calls().slice(-2)).toEqual(['vmrun -T ws list', 'vmrun -T ws stop out/vm.vmx hard']);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(readdirSync(join(standin.dir, 'running'))).toEqual([]);
  }, 120_000);

  it('leaves the machine stopped after Ctrl-C', async () => {
    writeFileSync(join(dir, 'main.pkr.hcl'), template().replace('ssh_timeout          = "30s"', 'ssh_timeout          = "10m"'));
    const r = await buildAndInterrupt(['-color=false', '.'], {
      cwd: dir,
      env: standin.env({ VMWARE_STANDIN_NO_LEASE: '1' }),
      marker: 'Starting virtual machine...',
      ready: { check: () => readdirSync(join(standin.dir, 'running')).length > 0, what: 'the machine to run' },
    });
    expect(r.sent).toBe(true);
    expect(r.code).not.toBe(0);
    expect(calls()).toContain('vmrun -T ws stop out/vm.vmx hard');
    expect(readdirSync(join(standin.dir, 'running'))).toEqual([]);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }, 120_000);

  it('uploads VMware Tools, writes ports, firmware and adapters into the .vmx, removes ethernet, takes a snapshot', async () => {
    const isoImages = join(standin.dir, 'isoimages');
    mkdirSync(isoImages);
    writeFileSync(join(isoImages, 'linux.iso'), 'tools iso\n');
    const uploaded = join(dir, 'uploaded');
    writeFileSync(
      join(dir, 'main.pkr.hcl'),
      template(`  tools_upload_flavor  = "linux"
  tools_upload_path    = "${uploaded}/{{ .Flavor }}-tools.iso"
  disk_adapter_type    = "sata"
  disk_type_id         = "0"
  vmdk_name            = "main"
  network              = "vmnet3"
  serial               = "FILE:/tmp/serial.log"
  parallel             = "DEVICE:/dev/lp0,bi"
  firmware             = "efi-secure"
  sound                = true
  usb                  = true
  display_name         = "Shown Name"
  snapshot_name        = "clean"
  skip_compaction      = true
  vmx_remove_ethernet_interfaces = true
`),
    );
    mkdirSync(uploaded);
    // A custom network: VMware's DHCP server for vmnet3 knows the host's address there.
    mkdirSync(join(standin.dir, 'etc-vmware', 'vmnet3', 'dhcpd'), { recursive: true });
    writeFileSync(join(standin.dir, 'etc-vmware', 'vmnet3', 'dhcpd', 'dhcpd.conf'), 'host vmnet3 {\n  hardware ethernet 00:50:56:C0:00:03;\n  fixed-address 172.16.3.1;\n}\n');
    const r = await build([], {});
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(readFileSync(join(uploaded, 'linux-tools.iso'), 'utf8')).toBe('tools iso\n');
    expect(calls()).toEqual([
      'vmware-vdiskmanager -c -s 40000M -a sata -t 0 out/main.vmdk',
      'vmrun -T ws start out/vm.vmx nogui',
      'vmrun -T ws list',
      'vmrun -T ws snapshot out/vm.vmx clean',
      'vmrun -T ws list',
    ]);
    const vmx = parseVmx(readFileSync(vmxPath(), 'utf8'));
    expect(vmx).toMatchObject({
      displayname: 'Shown Name',
      extendedconfigfile: 'Shown Name.vmxf',
      'sata0.present': 'TRUE',
      'sata0:0.filename': 'main.vmdk',
      'sata0:1.devicetype': 'cdrom-raw',
      'scsi0.present': 'FALSE',
      'serial0.present': 'TRUE',
      'serial0.filetype': 'file',
      'serial0.filename': '/tmp/serial.log',
      'parallel0.present': 'TRUE',
      'parallel0.filename': '/dev/lp0',
      'parallel0.bidirectional': 'TRUE',
      firmware: 'efi',
      'uefi.secureboot.enabled': 'TRUE',
      'sound.present': 'TRUE',
      'usb.present': 'TRUE',
      memsize: '512',
    });
    expect(Object.keys(vmx).filter((k) => k.startsWith('ethernet'))).toEqual([]);
    expect(vmx.numvcpus).toBeUndefined();
  }, 120_000);

  it('refuses an existing output directory unless -force', async () => {
    writeFileSync(join(dir, 'main.pkr.hcl'), template());
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'old'), 'old');
    const r = await build();
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('Output directory exists: ' + join(dir, 'out'));
    expect(standin.calls()).toEqual([]);
    // ssh_host wins over the DHCP leases (there are none here).
    writeFileSync(join(dir, 'main.pkr.hcl'), template('  ssh_host             = "127.0.0.1"\n'));
    const forced = await build(['-force'], { VMWARE_STANDIN_NO_LEASE: '1' });
    expect(forced.code, forced.stdout + forced.stderr).toBe(0);
    expect(forced.stdout).toContain('==> vmware-iso.x: Deleting previous output directory...');
    expect(existsSync(join(dir, 'out', 'old'))).toBe(false);
  }, 120_000);
});
