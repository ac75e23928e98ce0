// What the floppy, CD and vmware-iso tests need from the machine besides Node.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Need } from '../needs.js';

const onPath = (cmd: string) => (process.env.PATH ?? '').split(':').some((d) => d !== '' && existsSync(join(d, cmd)));

export const mtools: Need = {
  what: 'mtools (mformat, mcopy, mdir), which make and read floppy images',
  install: 'as root on Debian: apt-get install mtools (scripts/test-all.sh does it)',
  present: onPath('mformat') && onPath('mcopy'),
};

export const xorriso: Need = {
  what: 'xorriso, which makes and reads CD images',
  install: 'as root on Debian: apt-get install xorriso (scripts/test-all.sh does it)',
  present: onPath('xorriso'),
};
