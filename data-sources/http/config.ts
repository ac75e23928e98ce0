import type { ConfigSchema, PluginConfig } from '../../src/plugin/config-schema.js';
import { T } from '../../src/value/value.js';

export interface HttpDataConfig {
  url: string;
  method?: string;
  request_headers?: Record<string, string>;
  request_body?: string;
}

export const HTTP_METHODS = ['HEAD', 'GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];

export const httpDataSchema: ConfigSchema = {
  attributes: {
    url: { type: T.string, required: true },
    method: { type: T.string },
    request_headers: { type: T.map(T.string) },
    request_body: { type: T.string },
  },
  validate: validateHttp,
};

/**
 * The output, as Packer documents it: `url`, `body` and the response's headers under Packer's name for them,
 * `request_headers`; tsbuild adds `response_headers` (the same map) and `status_code`.
 */
export const httpDataOutput = T.object({
  url: T.string,
  body: T.string,
  request_headers: T.map(T.string),
  response_headers: T.map(T.string),
  status_code: T.number,
});

/** Packer's checks and messages; a URL that is not http(s) is reported now rather than when it is requested. */
function validateHttp(c: PluginConfig): { message: string; attribute?: string }[] {
  const out: { message: string; attribute?: string }[] = [];
  const url = c.url as string;
  if (!url) out.push({ message: 'the `url` must be specified', attribute: 'url' });
  else if (!isHttpUrl(url)) out.push({ message: `the \`url\` must be an http or https URL; got "${url}"`, attribute: 'url' });
  const method = c.method as string | undefined;
  if (method !== undefined && method !== '' && !HTTP_METHODS.includes(method)) {
    out.push({ message: `the \`method\` must be one of [${HTTP_METHODS.join(' ')}]; got "${method}"`, attribute: 'method' });
  }
  return out;
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}
