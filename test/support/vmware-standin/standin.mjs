// A recording stand-in for VMware's command-line tools (vmrun, vmware-vdiskmanager, ovftool, vmware), which cannot
// run here. Each call is appended to $VMWARE_STANDIN_DIR/calls.log (one JSON array per line: the tool and its
// arguments) and has the least real effect a build relies on:
//   vmware-vdiskmanager -c ... path   writes a small disk descriptor at path; -d / -k check the disk exists.
//   vmrun -T ws start x.vmx gui|nogui   marks the machine running: writes ethernet0.generatedAddress into the .vmx
//       (as VMware does at power-on), a DHCP lease for that MAC on the machine's network's device (address $VMWARE_STANDIN_GUEST_IP, 127.0.0.1 unless
//       set) unless $VMWARE_STANDIN_NO_LEASE, a lock folder and vmware.log; with $VMWARE_STANDIN_QEMU=1 it boots the
//       .vmx's CD image in QEMU with its VNC server where RemoteDisplay.vnc.* says (and its password), and returns
//       once GRUB's menu shows on the serial console. $VMWARE_STANDIN_FAIL_START makes it fail as vmrun does.
//   vmrun -T ws list / stop x.vmx hard / snapshot x.vmx name;  ovftool ... src dest writes dest.
// `standin.mjs guest-poweroff x.vmx` (not logged) is what a guest's shutdown does: the machine stops.
// VMware's network files (netmap.conf, vmnet8's dhcpd.conf and leases) live in $VMWARE_STANDIN_DIR/etc-vmware.

import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';

const dir = process.env.VMWARE_STANDIN_DIR;
if (!dir) {
  console.error('VMWARE_STANDIN_DIR is not set');
  process.exit(2);
}
const [tool, ...args] = process.argv.slice(2);
if (tool !== 'guest-poweroff') appendFileSync(join(dir, 'calls.log'), `${JSON.stringify([tool, ...args])}\n`);

const runningDir = join(dir, 'running');
mkdirSync(runningDir, { recursive: true });
const markOf = (vmx) => join(runningDir, createHash('sha1').update(vmx).digest('hex'));

function readVmx(path) {
  const out = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^(.+?)\s*=\s*"?(.*?)"?\s*$/.exec(line);
    if (m) out[m[1].toLowerCase()] = m[2];
  }
  return out;
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function running() {
  return readdirSync(runningDir)
    .map((n) => JSON.parse(readFileSync(join(runningDir, n), 'utf8')))
    .filter((r) => r.pid === undefined || alive(r.pid));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function powerOff(vmx) {
  const mark = markOf(vmx);
  if (!existsSync(mark)) return false;
  const r = JSON.parse(readFileSync(mark, 'utf8'));
  if (r.pid !== undefined && alive(r.pid)) {
    process.kill(r.pid, 'SIGTERM');
    for (let i = 0; i < 600 && alive(r.pid); i++) await sleep(50);
  }
  rmSync(mark, { force: true });
  rmSync(`${vmx}.lck`, { recursive: true, force: true });
  return true;
}

/** The device VMware's DHCP server for the machine's network runs on: the custom one, or the named network's. */
function deviceOf(data) {
  const type = data['ethernet0.connectiontype'];
  if (type === 'custom') return data['ethernet0.vnet'];
  return { nat: 'vmnet8', hostonly: 'vmnet1', bridged: 'vmnet0' }[(type || 'nat').toLowerCase()] ?? 'vmnet8';
}

function lease(mac, device) {
  const leases = join(dir, 'etc-vmware', device, 'dhcpd', 'dhcpd.leases');
  mkdirSync(dirname(leases), { recursive: true });
  const now = new Date().toISOString().replace('T', ' ').slice(0, 19).replace(/-/g, '/');
  const ip = process.env.VMWARE_STANDIN_GUEST_IP || '127.0.0.1';
  appendFileSync(leases, `lease ${ip} {\n  starts 4 ${now};\n  ends 4 2099/01/01 00:00:00;\n  hardware ethernet ${mac};\n  client-hostname "standin";\n}\n`);
}

async function startQemu(vmx, data, serialLog) {
  const cdKey = Object.keys(data).find((k) => /^(ide|sata|scsi)0:\d\.devicetype$/.test(k) && data[k] === 'cdrom-image');
  const iso = data[cdKey.replace('.devicetype', '.filename')];
  const port = Number(data['remotedisplay.vnc.port']);
  const password = data['remotedisplay.vnc.password'];
  const vnc = `${data['remotedisplay.vnc.ip'] || '127.0.0.1'}:${port - 5900}${password ? ',password-secret=vncpw' : ''}`;
  const qemuArgs = ['-accel', 'tcg', '-m', '256', '-cdrom', iso, '-boot', 'd', '-vnc', vnc, '-netdev', 'user,id=n0', '-device', 'e1000,netdev=n0', '-serial', `file:${serialLog}`, '-monitor', 'none'];
  if (password) qemuArgs.push('-object', `secret,id=vncpw,data=${password}`);
  const child = spawn('qemu-system-x86_64', qemuArgs, { detached: true, stdio: ['ignore', 'ignore', 'ignore'] });
  child.unref();
  // Running from now on: a stop (or a cleanup after Ctrl-C stopped this call) finds it.
  writeFileSync(markOf(vmx), JSON.stringify({ vmx, pid: child.pid }));
  // vmrun returns once the machine runs; here, once its boot menu is up (the boot command goes there).
  for (let i = 0; i < 2400; i++) {
    if (!alive(child.pid)) throw new Error('QEMU exited');
    if (existsSync(serialLog) && readFileSync(serialLog, 'latin1').includes('tiny (no SSH key')) return;
    await sleep(50);
  }
  throw new Error("GRUB's menu did not show on the serial console in 120 s");
}

async function vmrun() {
  const rest = args[0] === '-T' ? args.slice(2) : args;
  const [cmd, given] = rest;
  // vmrun knows machines by absolute path (`list` prints them so).
  const vmx = given && resolve(given);
  if (cmd === 'list') {
    const r = running();
    process.stdout.write(`Total running VMs: ${r.length}\n${r.map((x) => `${x.vmx}\n`).join('')}`);
    return 0;
  }
  if (cmd === 'start') {
    if (process.env.VMWARE_STANDIN_FAIL_START) {
      process.stdout.write(`Error: ${process.env.VMWARE_STANDIN_FAIL_START}\n`);
      return 255;
    }
    if (!existsSync(vmx)) {
      process.stdout.write('Error: Cannot open VM: ' + vmx + ', The virtual machine cannot be found\n');
      return 255;
    }
    let text = readFileSync(vmx, 'utf8');
    const data = readVmx(vmx);
    let mac = data['ethernet0.address'] || data['ethernet0.generatedaddress'];
    if (!mac && data['ethernet0.present'] === 'TRUE') {
      const h = createHash('sha1').update(vmx).digest('hex');
      mac = `00:0c:29:${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}`;
      text += `ethernet0.generatedAddress = "${mac}"\n`;
      writeFileSync(vmx, text);
    }
    mkdirSync(`${vmx}.lck`, { recursive: true });
    writeFileSync(join(dirname(vmx), 'vmware.log'), 'standin\n');
    if (process.env.VMWARE_STANDIN_QEMU === '1') await startQemu(vmx, data, join(dir, 'serial.log'));
    else writeFileSync(markOf(vmx), JSON.stringify({ vmx }));
    if (mac && !process.env.VMWARE_STANDIN_NO_LEASE) lease(mac, deviceOf(data));
    return 0;
  }
  if (cmd === 'stop') {
    if (!(await powerOff(vmx))) {
      process.stdout.write('Error: The virtual machine is not powered on: ' + vmx + '\n');
      return 255;
    }
    return 0;
  }
  if (cmd === 'snapshot') {
    appendFileSync(vmx.replace(/\.vmx$/, '.vmsd'), `snapshot0.displayName = "${rest[2]}"\n`);
    return 0;
  }
  process.stdout.write(`Error: unknown command ${cmd}\n`);
  return 255;
}

function vdiskmanager() {
  const path = args[args.length - 1];
  if (args[0] === '-c') {
    const size = args[args.indexOf('-s') + 1];
    writeFileSync(path, `# Disk DescriptorFile\nversion=1\ncreateType="standin"\n# size ${size} adapter ${args[args.indexOf('-a') + 1]} type ${args[args.indexOf('-t') + 1]}\n`);
    console.log('Creating disk \'' + path + '\'\nVirtual disk creation successful.');
    return 0;
  }
  if (!existsSync(path)) {
    console.log(`Failed to open the disk '${path}' : The file specified is not a virtual disk (0x3ee8).`);
    return 1;
  }
  return 0;
}

function ovftool() {
  const [src, dest] = args.slice(-2);
  writeFileSync(dest, `standin export of ${src}\n`);
  return 0;
}

const handlers = {
  vmrun,
  'vmware-vdiskmanager': vdiskmanager,
  ovftool,
  // `vmware -v`: what Packer's Workstation driver reads the version from.
  vmware: () => {
    if (args[0] === '-v') console.log('VMware Workstation 15.5.6 build-16341506');
    return 0;
  },
  'guest-poweroff': async () => ((await powerOff(resolve(args[0]))) ? 0 : 1),
};
process.exitCode = await handlers[tool]();
