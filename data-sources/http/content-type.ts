/**
 * Packer's test for a text answer: `text/*`, `application/json` or `application/samlmetadata+xml`, in UTF-8 or
 * US-ASCII when a charset is given. Anything else (binary data, a missing Content-Type) gets a warning.
 */
export function isTextContentType(header: string): boolean {
  const [type = '', ...params] = header.split(';').map((p) => p.trim());
  const media = type.toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(media)) return false;
  if (!/^text\/.+/.test(media) && media !== 'application/json' && !media.startsWith('application/samlmetadata+xml')) return false;
  const charset = params.map((p) => /^charset\s*=\s*"?([^"]*)"?$/i.exec(p)?.[1]).find((c) => c !== undefined)?.toLowerCase() ?? '';
  return charset === '' || charset === 'utf-8' || charset === 'us-ascii';
}
