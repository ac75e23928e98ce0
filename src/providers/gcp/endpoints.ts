// Where the Compute Engine API is: Google's unless `custom_endpoints { compute = "..." }` (Packer's option, for
// GCP-like APIs and emulators) says otherwise. No SDK here: config checks use it.

export interface ComputeEndpoint {
  /** Host name or address. */
  apiEndpoint: string;
  port: number;
  protocol: 'http' | 'https';
  /** The URL as given, for the journal. */
  url: string;
}

/** The endpoint of a `compute` custom endpoint URL (its path, Compute's `/compute/v1/`, is implied); undefined when invalid. */
export function computeEndpoint(url: string): ComputeEndpoint | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const protocol = u.protocol === 'http:' ? 'http' : 'https';
  const path = u.pathname.replace(/\/+$/, '');
  if (path !== '' && path !== '/compute/v1') return undefined;
  return { apiEndpoint: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : protocol === 'http' ? 80 : 443, protocol, url };
}

/** The keys of custom_endpoints tsbuild uses; Packer also knows storage, which tsbuild never calls. */
export const ENDPOINT_KEYS = ['compute', 'iamcredentials', 'oslogin'] as const;
