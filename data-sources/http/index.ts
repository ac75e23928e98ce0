import type { DataSourcePlugin } from '../../src/plugin/plugins.js';
import { httpDataConfig, httpDataOutput } from './config.js';
import { isTextContentType } from './content-type.js';
import { sendFollowingRedirects } from './request.js';

/**
 * http: requests a URL and returns the answer's body and headers, as Packer's http data source. An answer outside
 * 2xx, or no answer, is an error that names the URL.
 */
export const httpDataSource: DataSourcePlugin<typeof httpDataConfig> = {
  kind: 'data',
  type: 'http',
  config: httpDataConfig,
  outputType: httpDataOutput,
  execute: async (c, ctx) => {
    const method = c.method;
    let res;
    try {
      res = await sendFollowingRedirects({ method, url: new URL(c.url), headers: c.request_headers, body: c.request_body || undefined }, ctx.signal);
    } catch (e) {
      if (ctx.signal.aborted) throw e;
      throw new Error(`HTTP request error: ${method} ${c.url} failed: ${(e as Error).message}`, { cause: e });
    }
    const where = res.url.href === new URL(c.url).href ? c.url : `${c.url} (redirected to ${res.url.href})`;
    if (res.status < 200 || res.status >= 300) {
      throw new Error(`HTTP request error: ${method} ${where} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}; a 2xx status is required`);
    }
    const type = res.headers['Content-Type'] ?? '';
    if (!isTextContentType(type)) {
      ctx.ui.warn(`Content-Type is not recognized as a text type, got "${type}" from ${where}. If the content is binary data, the body may not hold what the server sent.`);
    }
    return { url: c.url, body: res.body, request_headers: res.headers, response_headers: res.headers, status_code: res.status };
  },
};
