// `inspect` for legacy JSON templates, in Packer 1.6.6's JSON layout: raw (uninterpolated) variable defaults,
// builders by name, provisioners by type. Packer prints required variables in Go map order (it varies between
// runs); here they are sorted.

import type { RawTemplate } from '../../json-template/raw.js';

const NOTE =
  "\nNote: If your build names contain user variables or template\nfunctions such as 'timestamp', these are processed at build time,\nand therefore only show in their raw form here.\n";

/** Go pads by byte length. */
const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');
const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - byteLength(s)));
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function formatVariables(t: RawTemplate): string {
  if (t.variables.length === 0) return 'Variables:\n\n  <No variables>\n\n';
  // A repeated variable keeps its last value, as a Go map would.
  const byName = new Map(t.variables.map((v) => [v.name, v]));
  const names = [...byName.keys()].sort(byteOrder);
  const width = Math.max(...names.map(byteLength));
  const sensitive = new Set(t.sensitive);
  let out = '';
  const required = names.filter((n) => byName.get(n)!.default === undefined);
  if (required.length > 0) out += 'Required variables:\n\n' + required.map((n) => `  ${n}\n`).join('') + '\n';
  out += 'Optional variables and their defaults:\n\n';
  for (const n of names) {
    const v = byName.get(n)!;
    if (v.default === undefined) continue;
    out += `  ${pad(n, width)} = ${sensitive.has(n) ? '<sensitive>' : v.default}\n`;
  }
  return out + '\n';
}

function formatBuilders(t: RawTemplate): string {
  if (t.builders.length === 0) return 'Builders:\n\n  <No builders>\n\n';
  const builders = [...t.builders].sort((a, b) => byteOrder(a.name, b.name));
  const width = Math.max(...builders.map((b) => byteLength(b.name)));
  return 'Builders:\n\n' + builders.map((b) => `  ${pad(b.name, width)}${b.name !== b.type ? ` (${b.type})` : ''}\n`).join('') + '\n';
}

function formatProvisioners(t: RawTemplate): string {
  if (t.provisioners.length === 0) return 'Provisioners:\n\n  <No provisioners>\n';
  return 'Provisioners:\n\n' + t.provisioners.map((p) => `  ${p.type}\n`).join('');
}

/** Packer 1.6.6's `inspect` output for a JSON template. */
export function formatJsonInspect(t: RawTemplate): string {
  let out = 'Packer Inspect: JSON mode\n';
  if (t.description) out += `Description:\n\n${t.description}\n\n`;
  return out + formatVariables(t) + formatBuilders(t) + formatProvisioners(t) + NOTE;
}
