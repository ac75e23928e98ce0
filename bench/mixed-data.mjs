// Writes SIZE bytes of mixed data to PATH, the same bytes on every run on a given machine: 4 MiB slices taken in
// turn from the regular files of /usr/bin (sorted by name, concatenated, repeated when short) and from generated
// log-like text (a fixed-seed generator). usage: node bench/mixed-data.mjs PATH [SIZE_MIB]
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';

const [path, sizeMiB = '1024'] = process.argv.slice(2);
const SLICE = 4 << 20;
const total = Number(sizeMiB) << 20;

const binaries = readdirSync('/usr/bin')
  .sort()
  .map((n) => `/usr/bin/${n}`)
  .filter((p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  });
let binIndex = 0;
let pending = Buffer.alloc(0);
function binarySlice() {
  const parts = [pending];
  let have = pending.length;
  while (have < SLICE) {
    const data = readFileSync(binaries[binIndex++ % binaries.length]);
    parts.push(data);
    have += data.length;
  }
  const all = Buffer.concat(parts);
  pending = all.subarray(SLICE);
  return all.subarray(0, SLICE);
}

let seed = 12345;
const rand = (n) => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
};
const words = 'kernel network disk request user session cache build image layer volume instance region error warning info debug started finished retry timeout connection packet checksum archive'.split(' ');
const levels = ['INFO', 'WARN', 'DEBUG', 'ERROR'];
let clock = 1_700_000_000;
function textSlice() {
  const lines = [];
  let have = 0;
  while (have < SLICE) {
    clock += rand(3);
    const n = 4 + rand(12);
    const msg = Array.from({ length: n }, () => words[rand(words.length)]).join(' ');
    const line = `${new Date(clock * 1000).toISOString()} ${levels[rand(4)]} [worker-${rand(64)}] req=${rand(1e9).toString(16)} ${msg} took=${rand(5000)}ms\n`;
    lines.push(line);
    have += line.length;
  }
  return Buffer.from(lines.join('')).subarray(0, SLICE);
}

const fd = openSync(path, 'w');
for (let done = 0, i = 0; done < total; i++) {
  const slice = i % 2 === 0 ? binarySlice() : textSlice();
  const part = slice.subarray(0, Math.min(slice.length, total - done));
  writeSync(fd, part);
  done += part.length;
}
closeSync(fd);
