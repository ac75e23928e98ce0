// A blocking HTTP request, for functions (vault, consul_key, aws_secretsmanager) that must return a value
// synchronously: a child Node process performs the request with fetch and reports the response as JSON.

import { spawnSync } from 'node:child_process';

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  body: string;
}

const SCRIPT = `
let input = '';
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', async () => {
  const req = JSON.parse(input);
  try {
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: AbortSignal.timeout(req.timeoutMs) });
    process.stdout.write(JSON.stringify({ status: res.status, body: await res.text() }));
  } catch (e) {
    const cause = e && e.cause ? (e.cause.code || e.cause.message) : '';
    process.stdout.write(JSON.stringify({ error: (e && e.name === 'TimeoutError' ? 'timed out' : String(e && e.message)) + (cause ? ' (' + cause + ')' : '') }));
  }
});
`;

/** Performs the request; throws Error("cannot reach <origin>: <reason>") when no response arrives. */
export function requestSync(req: HttpRequest): HttpResponse {
  const timeoutMs = req.timeoutMs ?? 30000;
  const run = spawnSync(process.execPath, ['-e', SCRIPT], {
    input: JSON.stringify({ method: 'GET', ...req, timeoutMs }),
    encoding: 'utf8',
    timeout: timeoutMs + 5000,
  });
  let origin: string;
  try {
    origin = new URL(req.url).origin;
  } catch {
    throw new Error(`invalid address ${JSON.stringify(req.url)}`);
  }
  if (run.error || run.status !== 0) throw new Error(`cannot reach ${origin}: ${run.error?.message ?? run.stderr.trim()}`);
  const out = JSON.parse(run.stdout) as HttpResponse & { error?: string };
  if (out.error !== undefined) throw new Error(`cannot reach ${origin}: ${out.error}`);
  return out;
}
