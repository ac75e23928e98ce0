import { declareConfig, opt, type ConfigOf, type ConfigProblem } from '../../src/plugin/config.js';
import { T } from '../../src/value/value.js';

export const HTTP_METHODS = ['HEAD', 'GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];

const httpDataOptions = {
  url: opt.string('The http or https URL to request.').required(),
  method: opt.string(`The HTTP method: ${HTTP_METHODS.join(', ')}.`).defaultIfEmpty('GET'),
  request_headers: opt.stringMap('Headers to send.').default({}),
  request_body: opt.string('The body to send.'),
};

export type HttpDataConfig = ConfigOf<typeof httpDataOptions>;

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
function validateHttp(c: HttpDataConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const url = c.url;
  if (!url) out.push({ message: 'the `url` must be specified', attribute: 'url' });
  else if (!isHttpUrl(url)) out.push({ message: `the \`url\` must be an http or https URL; got "${url}"`, attribute: 'url' });
  if (!HTTP_METHODS.includes(c.method)) {
    out.push({ message: `the \`method\` must be one of [${HTTP_METHODS.join(' ')}]; got "${c.method}"`, attribute: 'method' });
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

export const httpDataConfig = declareConfig(httpDataOptions, validateHttp);
