// The page's places, in the address's hash (the server serves one page): `#/`, `#/buckets/NAME` and
// `#/buckets/NAME/versions/FINGERPRINT`.

export function bucketPath(bucket) {
  return `/buckets/${encodeURIComponent(bucket)}`;
}

export function versionPath(bucket, fingerprint) {
  return `${bucketPath(bucket)}/versions/${encodeURIComponent(fingerprint)}`;
}

function decode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The place the hash names: `{ view: 'buckets' | 'bucket' | 'version', bucket?, fingerprint? }`. */
export function parseHash(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '').map(decode);
  if (parts[0] === 'buckets' && parts.length === 2) return { view: 'bucket', bucket: parts[1] };
  if (parts[0] === 'buckets' && parts[2] === 'versions' && parts.length === 4) return { view: 'version', bucket: parts[1], fingerprint: parts[3] };
  return { view: 'buckets' };
}
