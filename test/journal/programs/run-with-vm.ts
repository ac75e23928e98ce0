// A test program standing for a build that started a VM: it starts `argv` as a detached process (as a VM outlives a
// killed tsbuild), writes it down in the journal ($TSBUILD_STATE_DIR), prints "recorded <pid>", and waits to be killed.

import { spawn } from 'node:child_process';
import { journalDir, openJournal } from '../../../src/journal/journal.js';
import { recordVmProcess } from '../../../src/journal/vm-process.js';

const [command, ...args] = process.argv.slice(2);
const journal = openJournal(journalDir(process.env), `run-${process.pid}`);
const vm = spawn(command!, args, { detached: true, stdio: 'ignore' });
recordVmProcess(journal, 'qemu.t', `VM process ${vm.pid} (${command})`, vm.pid!);
vm.unref();
console.log(`recorded ${vm.pid}`);
setInterval(() => undefined, 60_000);
