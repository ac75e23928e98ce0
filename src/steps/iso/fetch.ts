// Downloads a URL into a file over HTTP(S), resuming a partial file with a Range request as go-getter does: a
// server answering 206 gets the rest appended, one answering 200 sends the whole file again, 416 (the partial
// file is already as long as the resource, or longer) starts over.

import { createWriteStream } from 'node:fs';
import { stat, truncate } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ProgressFn } from './progress.js';

export interface FetchOptions {
  signal: AbortSignal;
  progress?: ProgressFn;
  /** Continue a partial file already at `target`. */
  resume: boolean;
}

/** The length of the whole resource from a 206 answer's Content-Range (`bytes 100-199/1000`). */
function totalOfRange(header: string | null): number | undefined {
  const m = /\/(\d+)\s*$/.exec(header ?? '');
  return m ? Number(m[1]) : undefined;
}

/** fetch, failing as Go's http client words it: `Get "<url>": <reason>` (the reason, not undici's "fetch failed"). */
export async function fetchUrl(url: string, init: RequestInit & { signal: AbortSignal }): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    if (init.signal.aborted) throw e;
    const cause = (e as Error).cause as Error | undefined;
    throw new Error(`Get ${JSON.stringify(url)}: ${cause?.message ?? (e as Error).message}`, { cause: e });
  }
}

export async function fetchToFile(url: string, target: string, o: FetchOptions): Promise<void> {
  let have = o.resume ? await stat(target).then((s) => s.size, () => 0) : 0;
  let res = await fetchUrl(url, { signal: o.signal, headers: have > 0 ? { range: `bytes=${have}-` } : {} });
  if (res.status === 416) {
    await res.body?.cancel();
    have = 0;
    res = await fetchUrl(url, { signal: o.signal });
  }
  if (res.status !== 200 && res.status !== 206) {
    await res.body?.cancel();
    throw new Error(`bad response code: ${res.status}`);
  }
  const append = res.status === 206 && have > 0;
  if (!append) {
    have = 0;
    await truncate(target, 0).catch(() => {});
  }
  const length = Number(res.headers.get('content-length') ?? NaN);
  const total = append ? totalOfRange(res.headers.get('content-range')) : Number.isFinite(length) ? length : undefined;
  let received = have;
  const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
  body.on('data', (chunk: Buffer) => {
    received += chunk.length;
    o.progress?.(received, total);
  });
  await pipeline(body, createWriteStream(target, { flags: append ? 'a' : 'w' }), { signal: o.signal });
  if (total !== undefined && received !== total) throw new Error(`download of ${url} ended after ${received} of ${total} bytes`);
}
