// The boot command of a vmware-iso build typed into a real VNC server: the stand-in's `vmrun start` boots the
// .vmx's CD image (the tiny test ISO) in QEMU, its VNC server where the .vmx's RemoteDisplay.vnc.* entries say,
// with their password. The build types a kernel command line at GRUB's prompt naming the build's HTTP server at
// {{ .HTTPIP }}:{{ .HTTPPort }} (10.0.2.2 from the stand-in's vmnet8 dhcpd.conf: QEMU's gateway); the guest
// fetching from it proves every key arrived. SSH goes to the loopback sshd, whose provisioner waits for that.

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildAndInterrupt, runCli } from '../../support/cli.js';
import { needs } from '../../support/needs.js';
import { qemuIso, tinyIso } from '../../support/qemu.js';
import { makeTestKeys, startSshd, type TestKeys, type TestSshd } from '../../support/sshd.js';
import { makeStandin, type Standin } from '../../support/vmware-standin/setup.js';
import { processGone } from '../../support/wait.js';

needs(qemuIso).describe('vmware-iso boot command into QEMU through the stand-in', () => {
  let keys: TestKeys;
  let sshd: TestSshd;
  let standin: Standin;
  let dir: string;
  let iso: string;

  beforeAll(async () => {
    iso = tinyIso();
    keys = makeTestKeys();
    sshd = await startSshd(keys);
    standin = makeStandin();
    dir = mkdtempSync(join(tmpdir(), 'tsbuild-vmware-qemu-'));
  }, 300_000);
  afterAll(async () => {
    await sshd?.stop();
    standin?.remove();
    rmSync(keys.dir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  needs(qemuIso).it('types the boot command over VNC with the .vmx password; the guest fetches from the HTTP server', async () => {
    const vmx = join(dir, 'out', 'tiny.vmx');
    const serial = join(standin.dir, 'serial.log');
    // GRUB's prompt takes a moment to draw after `c` and reads no keys meanwhile beyond the keyboard buffer (15).
    writeFileSync(
      join(dir, 'main.pkr.hcl'),
      `source "vmware-iso" "tiny" {
  iso_url              = "${iso}"
  iso_checksum         = "none"
  vm_name              = "tiny"
  output_directory     = "out"
  headless             = true
  vnc_port_min         = 5990
  vnc_port_max         = 6990
  boot_wait            = "-1s"
  boot_key_interval    = "25ms"
  boot_command         = ["c<wait1>", "linux /boot/vmlinuz console=ttyS0 tsbuild.note=Typed_{{ .Name }}! tsbuild.key=http://{{ .HTTPIP }}:{{ .HTTPPort }}/key; initrd /boot/initrd.gz; boot<enter>"]
  http_content         = { "/key" = "${readFileSync(`${keys.key}.pub`, 'utf8').trim()}" }
  http_bind_address    = "127.0.0.1"
  ssh_username         = "root"
  ssh_port             = ${sshd.port}
  ssh_private_key_file = "${keys.key}"
  shutdown_command     = "${standin.poweroffCommand(vmx)}"
  skip_compaction      = true
}
build {
  sources = ["source.vmware-iso.tiny"]
  provisioner "shell" {
    inline = ["timeout 300 sh -c 'until grep -q \\"tiny-iso: fetched\\" ${serial}; do sleep 0.2; done'"]
  }
}
`,
    );
    const r = await runCli(['build', '-color=false', '.'], { cwd: dir, env: standin.env({ VMWARE_STANDIN_QEMU: '1' }) });
    const console = readFileSync(serial, 'latin1');
    expect(r.code, `${r.stdout}${r.stderr}\nserial console:\n${console.slice(-2000)}`).toBe(0);
    expect(r.stdout).toMatch(/==> vmware-iso\.tiny: Connecting to VM via VNC \(127\.0\.0\.1:(59[9]\d|6\d{3})\)/);
    expect(console).toMatch(/Command line: BOOT_IMAGE=\/boot\/vmlinuz console=ttyS0 tsbuild\.note=Typed_tiny! tsbuild\.key=http:\/\/10\.0\.2\.2:\d+\/key/);
    expect(console).toMatch(/tiny-iso: fetched http:\/\/10\.0\.2\.2:\d+\/key/);
    const text = readFileSync(vmx, 'utf8');
    // Packer's StepConfigureVNC entries (an 8-character password from its alphabet), turned off at the end.
    expect(text).toContain('remotedisplay.vnc.enabled = "FALSE"');
    expect(text).toContain('remotedisplay.vnc.ip = "127.0.0.1"');
    expect(text).toMatch(/remotedisplay\.vnc\.password = "[0-689a-zA-Z]{8}"/);
    const port = Number(/remotedisplay\.vnc\.port = "(\d+)"/.exec(text)?.[1]);
    expect(port >= 5990 && port <= 6990).toBe(true);
    expect(standin.calls().map((c) => c.slice(0, 4).join(' '))).toContain('vmrun -T ws start');
  }, 600_000);

  needs(qemuIso).it('leaves no QEMU running after Ctrl-C while the build waits to type', async () => {
    const work = mkdtempSync(join(dir, 'interrupt-'));
    writeFileSync(
      join(work, 'main.pkr.hcl'),
      `source "vmware-iso" "tiny" {
  iso_url          = "${iso}"
  iso_checksum     = "none"
  output_directory = "out"
  headless         = true
  boot_wait        = "10m"
  boot_command     = ["c"]
  communicator     = "none"
}
build { sources = ["source.vmware-iso.tiny"] }
`,
    );
    const running = join(standin.dir, 'running');
    const pids = () => readdirSync(running).map((n) => (JSON.parse(readFileSync(join(running, n), 'utf8')) as { pid?: number }).pid);
    let pid: number | undefined;
    const r = await buildAndInterrupt(['-color=false', '.'], {
      cwd: work,
      env: standin.env({ VMWARE_STANDIN_QEMU: '1' }),
      marker: 'Waiting 10m0s for boot...',
      ready: { check: () => (pid = pids()[0]) !== undefined, what: 'QEMU to run' },
    });
    expect(r.sent).toBe(true);
    expect(r.code).not.toBe(0);
    expect(pid).toBeGreaterThan(0);
    expect(processGone(pid!)).toBe(true);
    expect(readdirSync(running)).toEqual([]);
    expect(standin.calls().map((c) => c.slice(0, 4).join(' ')).at(-1)).toBe('vmrun -T ws stop');
  }, 300_000);
});
