// HCP's revocation fields of UpdateVersion: `revoke_at` (RFC 3339) or `revoke_in` (a duration such as "0s", "72h"),
// and `revocation_message`.

import { HttpError } from './errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses "1h30m", "0s", "2d" to milliseconds; undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) total += Number(n) * UNITS[unit!]!;
  return total;
}

export function readRevocation(body: Record<string, unknown>, now: string): { revokeAt: string; message: string } | undefined {
  const { revoke_at: at, revoke_in: inText, revocation_message: message } = body;
  if (at === undefined && inText === undefined) return undefined;
  if (at !== undefined && inText !== undefined) throw new HttpError(400, 'give revoke_at or revoke_in, not both');
  if (message !== undefined && typeof message !== 'string') throw new HttpError(400, 'revocation_message must be a string');
  let revokeAt: string;
  if (at !== undefined) {
    const t = typeof at === 'string' ? Date.parse(at) : NaN;
    if (Number.isNaN(t)) throw new HttpError(400, `revoke_at must be an RFC 3339 time, got ${JSON.stringify(at)}`);
    revokeAt = new Date(t).toISOString();
  } else {
    const ms = typeof inText === 'string' ? parseDuration(inText) : undefined;
    if (ms === undefined) throw new HttpError(400, `revoke_in must be a duration such as "0s" or "72h", got ${JSON.stringify(inText)}`);
    revokeAt = new Date(Date.parse(now) + ms).toISOString();
  }
  return { revokeAt, message: message ?? '' };
}
