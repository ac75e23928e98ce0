// IP network functions: cidrhost, cidrnetmask, cidrsubnet, cidrsubnets. Addresses are BigInts of 32 (IPv4)
// or 128 (IPv6) bits, written back the way Go's net package writes them.

import { T, Value } from '../value/value.js';
import { wholeNumber } from './collection.js';
import { FunctionError, argError, define, param, type FunctionDef } from './types.js';

interface Net {
  ip: bigint;
  bits: 32 | 128;
  prefix: number;
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p.startsWith('0')) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

function parseIPv6(s: string): bigint | undefined {
  let text = s;
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = parseIPv4(v4[2]!);
    if (n === undefined) return undefined;
    text = `${v4[1]}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string) => (h === '' ? [] : h.split(':'));
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const fill = 8 - head.length - rest.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const groups = [...head.map((g) => BigInt('0x' + g)), ...Array<bigint>(Math.max(0, fill)).fill(0n), ...rest.map((g) => BigInt('0x' + g))];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

function mask(bits: number, prefix: number): bigint {
  return ((1n << BigInt(prefix)) - 1n) << BigInt(bits - prefix);
}

/** Go's net.ParseCIDR; the address is masked to its network. */
export function parseCIDR(s: string): Net {
  const bad = () => new FunctionError(`invalid CIDR address: ${s}`);
  const slash = s.indexOf('/');
  if (slash < 0) throw bad();
  const addr = s.slice(0, slash);
  const len = s.slice(slash + 1);
  const v4 = parseIPv4(addr);
  const v6 = v4 === undefined ? parseIPv6(addr) : undefined;
  const bits = v4 !== undefined ? 32 : 128;
  const ip = v4 ?? v6;
  if (ip === undefined || !/^\d{1,3}$/.test(len) || Number(len) > bits) throw bad();
  const prefix = Number(len);
  return { ip: ip & mask(bits, prefix), bits, prefix };
}

function formatIPv6(n: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - i * 16)) & 0xffffn));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return formatIP(n & 0xffffffffn, 32);
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export function formatIP(n: bigint, bits: 32 | 128): string {
  if (bits === 128) return formatIPv6(n);
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 0xffn)).join('.');
}

const netText = (n: Net) => `${formatIP(n.ip, n.bits)}/${n.prefix}`;

/** The network of a prefix argument; cidrsubnets blames the argument, the others fail the call. */
function parseArg(s: string, blameArgument = false): Net {
  try {
    return parseCIDR(s);
  } catch (e) {
    const message = `invalid CIDR expression: ${(e as Error).message}`;
    throw blameArgument ? argError(0, message) : new FunctionError(message);
  }
}

function host(net: Net, num: bigint): bigint {
  const hostBits = BigInt(net.bits - net.prefix);
  const max = (1n << hostBits) - 1n;
  let n = num;
  let magnitude = num;
  if (num < 0n) {
    magnitude = -num - 1n;
    n = max - magnitude;
  }
  if (magnitude > max) throw new FunctionError(`prefix of ${net.prefix} does not accommodate a host numbered ${n}`);
  return net.ip | n;
}

function subnet(net: Net, newBits: number, num: bigint): Net {
  const prefix = net.prefix + newBits;
  if (prefix > net.bits) throw new FunctionError(`insufficient address space to extend prefix of ${net.prefix} by ${newBits}`);
  const max = (1n << BigInt(newBits)) - 1n;
  if (num > max || num < 0n) throw new FunctionError(`prefix extension of ${newBits} does not accommodate a subnet numbered ${num}`);
  return { ip: net.ip | (num << BigInt(net.bits - prefix)), bits: net.bits, prefix };
}

function subnets(base: Net, lengths: number[]): Value {
  if (lengths.length === 0) return Value.list([], T.string);
  const full = (1n << BigInt(base.bits)) - 1n;
  const netOf = (ip: bigint, prefix: number): Net => ({ ip: ip & mask(base.bits, prefix), bits: base.bits, prefix });
  let current = netOf((base.ip - 1n) & full, base.prefix + lengths[0]!);
  const out: Value[] = [];
  lengths.forEach((extra, i) => {
    if (extra < 1) throw argError(i + 1, 'must extend prefix by at least one bit');
    if (extra > 32) throw argError(i + 1, 'may not extend prefix by more than 32 bits');
    const length = base.prefix + extra;
    if (length > base.bits) {
      throw argError(i + 1, `would extend prefix to ${length} bits, which is too long for an ${base.bits === 32 ? 'IPv4' : 'IPv6'} address`);
    }
    const last = current.ip | (full >> BigInt(current.prefix));
    const inSubnet = netOf(last, length);
    const after = (inSubnet.ip | (full >> BigInt(length))) + 1n;
    const rollover = after > full;
    const next = netOf(after & full, length);
    if (rollover || (next.ip & mask(base.bits, base.prefix)) !== base.ip) {
      throw argError(i + 1, `not enough remaining address space for a subnet with a prefix of ${length} bits after ${netText(current)}`);
    }
    current = next;
    out.push(Value.string(netText(current)));
  });
  return Value.list(out, T.string);
}

export const ipnetFunctions: Record<string, FunctionDef> = {
  cidrhost: define({
    params: [param('prefix', T.string), param('hostnum', T.number)],
    returns: T.string,
    impl([p, h]) {
      const net = parseArg(p!.asString());
      return Value.string(formatIP(host(net, BigInt(wholeNumber(h!, 1, 'hostnum'))), net.bits));
    },
  }),
  cidrnetmask: define({
    params: [param('prefix', T.string)],
    returns: T.string,
    impl([p]) {
      const net = parseArg(p!.asString());
      return Value.string(formatIP(mask(net.bits, net.prefix), net.bits));
    },
  }),
  cidrsubnet: define({
    params: [param('prefix', T.string), param('newbits', T.number), param('netnum', T.number)],
    returns: T.string,
    impl([p, b, n]) {
      const net = parseArg(p!.asString());
      const newBits = wholeNumber(b!, 1, 'newbits');
      if (newBits > 32) throw new FunctionError('may not extend prefix by more than 32 bits');
      return Value.string(netText(subnet(net, newBits, BigInt(wholeNumber(n!, 2, 'netnum')))));
    },
  }),
  cidrsubnets: define({
    params: [param('prefix', T.string)],
    varParam: param('newbits', T.number),
    returns: T.list(T.string),
    impl([p, ...bits]) {
      const net = parseArg(p!.asString(), true);
      return subnets(
        net,
        bits.map((b, i) => wholeNumber(b, i + 1, 'newbits')),
      );
    },
  }),
};
