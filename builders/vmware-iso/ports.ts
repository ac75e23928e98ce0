// Packer's serial and parallel port strings (`FILE:/tmp/serial`, `PIPE:/tmp/p,client,app`, `DEVICE:/dev/lp0,bi`,
// `AUTO:true`, `NONE`), read into the .vmx values Packer writes, with Packer's messages for bad ones.

export interface SerialPort {
  type: 'pipe' | 'file' | 'device';
  fileName: string;
  endpoint: string;
  host: string;
  yield: string;
  auto: string;
}

export interface ParallelPort {
  fileName: string;
  bidirectional: string;
  auto: string;
}

const DEFAULT_SERIAL = '/dev/ttyS0';

function split(text: string): [string, string] {
  const i = text.indexOf(':');
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

/** The serial port `text` describes; undefined for NONE. Throws Packer's message when it cannot be read. */
export function readSerial(text: string): SerialPort | undefined {
  const [kind, options] = split(text);
  const comp = options.split(',');
  const checkYield = (y: string, what: string) => {
    if (y !== 'TRUE' && y !== 'FALSE') throw new Error(`Unexpected format for yield in serial port ${what}: ${text} -> ${y}`);
    return y;
  };
  switch (kind.toUpperCase()) {
    case 'PIPE': {
      if (comp.length < 3 || comp.length > 4) throw new Error(`Unexpected format for serial port pipe: ${text}`);
      const endpoint = comp[1]!.toLowerCase();
      if (endpoint !== 'client' && endpoint !== 'server') throw new Error(`Unexpected format for endpoint in serial port pipe: ${text} -> ${endpoint}`);
      const host = comp[2]!.toLowerCase();
      if (host !== 'app' && host !== 'vm') throw new Error(`Unexpected format for host in serial port pipe: ${text} -> ${host}`);
      const y = checkYield(comp.length === 4 ? comp[3]!.toUpperCase() : 'FALSE', 'pipe');
      return { type: 'pipe', fileName: comp[0]!, endpoint: comp[1]!, host: host === 'app' ? 'TRUE' : 'FALSE', yield: y, auto: 'FALSE' };
    }
    case 'FILE': {
      if (comp.length > 2) throw new Error(`Unexpected format for serial port file: ${text}`);
      const y = checkYield(comp.length > 1 ? comp[1]!.toUpperCase() : 'FALSE', 'file');
      return { type: 'file', fileName: comp[0]!, endpoint: '', host: '', yield: y, auto: 'FALSE' };
    }
    case 'DEVICE': {
      if (comp.length > 2) throw new Error(`Unexpected format for serial port device: ${text}`);
      const y = checkYield(comp.length === 2 ? comp[1]!.toUpperCase() : 'FALSE', 'device');
      return { type: 'device', fileName: comp[0] || DEFAULT_SERIAL, endpoint: '', host: '', yield: y, auto: 'FALSE' };
    }
    case 'AUTO': {
      const y = checkYield(options ? options.toUpperCase() : 'FALSE', 'auto');
      return { type: 'device', fileName: DEFAULT_SERIAL, endpoint: '', host: '', yield: y, auto: 'TRUE' };
    }
    case 'NONE':
      return undefined;
    default:
      throw new Error(`Unknown serial type ${kind.toUpperCase()}: ${text}`);
  }
}

/** The parallel port `text` describes; undefined for NONE. */
export function readParallel(text: string): ParallelPort | undefined {
  const [kind, options] = split(text);
  const direction = (d: string) => {
    const u = d.toUpperCase();
    if (u === '' || u === 'UNI') return 'FALSE';
    if (u === 'BI') return 'TRUE';
    throw new Error(`Unknown direction ${u} specified for parallel port: ${text}`);
  };
  switch (kind.toUpperCase()) {
    case 'FILE':
      return { fileName: options, bidirectional: '', auto: 'FALSE' };
    case 'DEVICE': {
      const comp = options.split(',');
      if (comp.length > 2) throw new Error(`Unexpected format for parallel port: ${text}`);
      return { fileName: comp[0]!, bidirectional: comp.length > 1 ? direction(comp[1]!) : 'FALSE', auto: 'FALSE' };
    }
    case 'AUTO':
      return { fileName: '', bidirectional: direction(options), auto: 'TRUE' };
    case 'NONE':
      return undefined;
    default:
      throw new Error(`Unexpected format for parallel port: ${text}`);
  }
}
