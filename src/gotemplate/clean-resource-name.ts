// `clean_resource_name`: each cloud plugin defines it with its own naming rules. Outside those plugins
// (where Packer has no such function) the Amazon rules apply: they keep the most characters.

const GCE_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

function cleanGoogle(s: string): string {
  if (GCE_NAME.test(s)) return s;
  // Byte by byte, as the plugin does: every non [a-z0-9] byte becomes "-".
  return [...Buffer.from(s.toLowerCase(), 'utf8')].map((b) => (/[a-z0-9]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : '-')).join('');
}

function cleanAzure(s: string): string {
  const out = [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9._-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : '-')).join('');
  return out.replace(/[-_.]+$/, '');
}

function cleanAmazon(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9()[\] ./\-'@_]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : '-')).join('');
}

/** Replaces the characters a resource name may not hold for the given builder type. */
export function cleanResourceName(s: string, builderType: string): string {
  if (builderType === 'googlecompute') return cleanGoogle(s);
  if (builderType.startsWith('azure')) return cleanAzure(s);
  return cleanAmazon(s);
}
