// `run_command`: the arguments Packer passes to `docker run`, mapped onto the Engine API's container
// configuration. Flags that have no faithful mapping are rejected with the list of those that do.

import { renderGoTemplate } from '../../src/gotemplate/index.js';

/** What `docker run` arguments say about the container to create. */
export interface RunSpec {
  image: string;
  entrypoint?: string[];
  cmd: string[];
  tty: boolean;
  openStdin: boolean;
  env: string[];
  user?: string;
  workdir?: string;
  hostname?: string;
  name?: string;
  labels: Record<string, string>;
  binds: string[];
  privileged: boolean;
  capAdd: string[];
  capDrop: string[];
  devices: string[];
  tmpfs: string[];
  networkMode?: string;
  memory?: number;
  shmSize?: number;
  extraHosts: string[];
  dns: string[];
  securityOpt: string[];
  init?: boolean;
  readOnly: boolean;
  runtime?: string;
  platform?: string;
}

type Setter = (spec: RunSpec, value: string) => string | undefined;

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([bkmg]?)$/i.exec(text.trim());
  return m ? Math.round(Number(m[1]) * SIZE_UNITS[m[2]!.toLowerCase()]!) : undefined;
}

const push = (key: 'env' | 'binds' | 'capAdd' | 'capDrop' | 'devices' | 'tmpfs' | 'extraHosts' | 'dns' | 'securityOpt'): Setter => (spec, v) => {
  spec[key].push(v);
  return undefined;
};

const size = (key: 'memory' | 'shmSize', flag: string): Setter => (spec, v) => {
  const n = parseSize(v);
  if (n === undefined) return `invalid size for ${flag}: "${v}"`;
  spec[key] = n;
  return undefined;
};

/** Flags that take a value, by every name they have. */
const VALUE_FLAGS: Record<string, Setter> = {
  '--entrypoint': (spec, v) => void (spec.entrypoint = v === '' ? [''] : [v]),
  '-e': push('env'),
  '--env': push('env'),
  '-u': (spec, v) => void (spec.user = v),
  '--user': (spec, v) => void (spec.user = v),
  '-w': (spec, v) => void (spec.workdir = v),
  '--workdir': (spec, v) => void (spec.workdir = v),
  '-h': (spec, v) => void (spec.hostname = v),
  '--hostname': (spec, v) => void (spec.hostname = v),
  '--name': (spec, v) => void (spec.name = v),
  '-l': (spec, v) => addLabel(spec, v),
  '--label': (spec, v) => addLabel(spec, v),
  '-v': push('binds'),
  '--volume': push('binds'),
  '--cap-add': push('capAdd'),
  '--cap-drop': push('capDrop'),
  '--device': push('devices'),
  '--tmpfs': push('tmpfs'),
  '--network': (spec, v) => void (spec.networkMode = v),
  '--net': (spec, v) => void (spec.networkMode = v),
  '-m': size('memory', '--memory'),
  '--memory': size('memory', '--memory'),
  '--shm-size': size('shmSize', '--shm-size'),
  '--add-host': push('extraHosts'),
  '--dns': push('dns'),
  '--security-opt': push('securityOpt'),
  '--runtime': (spec, v) => void (spec.runtime = v),
  '--platform': (spec, v) => void (spec.platform = v),
};

/** Flags without a value. `-d` and `--rm` change nothing here: the container always runs detached and is always removed. */
const BOOL_FLAGS: Record<string, (spec: RunSpec) => void> = {
  '-d': () => {},
  '--detach': () => {},
  '--rm': () => {},
  '-i': (spec) => void (spec.openStdin = true),
  '--interactive': (spec) => void (spec.openStdin = true),
  '-t': (spec) => void (spec.tty = true),
  '--tty': (spec) => void (spec.tty = true),
  '--privileged': (spec) => void (spec.privileged = true),
  '--init': (spec) => void (spec.init = true),
  '--read-only': (spec) => void (spec.readOnly = true),
};

function addLabel(spec: RunSpec, v: string): undefined {
  const i = v.indexOf('=');
  spec.labels[i < 0 ? v : v.slice(0, i)] = i < 0 ? '' : v.slice(i + 1);
  return undefined;
}

function unsupported(flag: string): string {
  const known = [...Object.keys(BOOL_FLAGS), ...Object.keys(VALUE_FLAGS)].filter((f) => f.startsWith('--')).join(', ');
  return `run_command: the docker run flag "${flag}" is not supported by tsbuild (it talks to the Docker Engine API, not the docker command). Supported flags: ${known} and their short forms; use the builder's own arguments (volumes, cap_add, device, tmpfs, privileged, runtime, platform) where they exist.`;
}

/** Splits `-dit` into `-d -i -t`; leaves `-e X`, `--flag=v` alone. */
function expandShort(arg: string): string[] {
  if (!/^-[a-zA-Z]{2,}$/.test(arg)) return [arg];
  const letters = [...arg.slice(1)].map((l) => `-${l}`);
  return letters.every((l) => l in BOOL_FLAGS) ? letters : [arg];
}

/** Parses `run_command` after rendering `{{.Image}}`; returns an error message for anything it cannot map. */
export function parseRunCommand(args: readonly string[], image: string): RunSpec | { error: string } {
  const spec: RunSpec = { image: '', cmd: [], tty: false, openStdin: false, env: [], labels: {}, binds: [], privileged: false, capAdd: [], capDrop: [], devices: [], tmpfs: [], extraHosts: [], dns: [], securityOpt: [], readOnly: false };
  let rendered: string[];
  try {
    rendered = args.map((a) => renderGoTemplate(a, { data: { Image: image } }));
  } catch (e) {
    return { error: `run_command: ${(e as Error).message}` };
  }
  const tokens = rendered.flatMap(expandShort);
  let i = 0;
  for (; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok === '--') {
      i++;
      break;
    }
    if (!tok.startsWith('-') || tok === '-') break;
    const eq = tok.indexOf('=');
    const flag = tok.startsWith('--') && eq > 0 ? tok.slice(0, eq) : tok;
    if (flag in BOOL_FLAGS) {
      BOOL_FLAGS[flag]!(spec);
      continue;
    }
    const setter = VALUE_FLAGS[flag];
    if (!setter) return { error: unsupported(flag) };
    let value: string | undefined;
    if (flag !== tok) value = tok.slice(eq + 1);
    else value = tokens[++i];
    if (value === undefined) return { error: `run_command: the flag "${flag}" needs a value` };
    const err = setter(spec, value);
    if (err) return { error: `run_command: ${err}` };
  }
  const positional = tokens.slice(i);
  if (positional.length === 0) return { error: 'run_command: no image given (Packer\'s default ends with "--", "{{.Image}}")' };
  spec.image = positional[0]!;
  spec.cmd = positional.slice(1);
  return spec;
}
