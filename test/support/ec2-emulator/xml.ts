// EC2's XML answers: elements in the order given, lists as `<xSet><item>...</item></xSet>` (the shape the EC2 Query
// protocol uses and both the JavaScript SDK v3 and the Go SDK v1 parse).

/** A value rendered as XML: objects are elements in key order, arrays are `<item>` lists, undefined is left out. */
export type XmlValue = string | number | boolean | undefined | null | readonly XmlValue[] | { readonly [key: string]: XmlValue };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** The children of an element. */
export function renderXml(value: XmlValue, itemTag = 'item'): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return escapeXml(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => `<${itemTag}>${renderXml(v, itemTag)}</${itemTag}>`).join('');
  return Object.entries(value as Record<string, XmlValue>)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `<${k}>${renderXml(v, itemTag)}</${k}>`)
    .join('');
}

/** A whole document: `<root xmlns=...>children</root>`. */
export function xmlDocument(root: string, namespace: string, body: XmlValue, itemTag = 'item'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${namespace}">${renderXml(body, itemTag)}</${root}>`;
}
