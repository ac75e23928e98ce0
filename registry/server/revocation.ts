// HCP's UpdateVersion body: `revoke_at` (RFC 3339) or `revoke_in` (a duration such as "0s", "72h"), with
// `revocation_message`, `skip_descendants_revocation` and `disable_rollback_channels`; or `restore: true`.

import type { Revocation } from '../store/revocation.js';
import { HttpError } from './errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses "1h30m", "0s", "2d" to milliseconds; undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) total += Number(n) * UNITS[unit!]!;
  return total;
}

const FIELDS = ['revoke_at', 'revoke_in', 'revocation_message', 'skip_descendants_revocation', 'disable_rollback_channels', 'restore'];

export type VersionUpdate = { restore: true } | { restore?: false; revocation: Revocation };

/** Reads UpdateVersion's body: a revocation (now or later, with its options) or `restore: true`. */
export function readVersionUpdate(body: Record<string, unknown>, now: string): VersionUpdate {
  const unknown = Object.keys(body).filter((k) => !FIELDS.includes(k));
  if (unknown.length > 0) throw new HttpError(400, `unsupported field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}: a version takes ${FIELDS.join(', ')}`);
  for (const k of ['skip_descendants_revocation', 'disable_rollback_channels', 'restore']) {
    if (body[k] !== undefined && typeof body[k] !== 'boolean') throw new HttpError(400, `${k} must be true or false`);
  }
  const { revoke_at: at, revoke_in: inText, revocation_message: message } = body;
  if (body.restore === true) {
    if (Object.keys(body).some((k) => k !== 'restore' && body[k] !== undefined)) throw new HttpError(400, 'restore takes no other field');
    return { restore: true };
  }
  if (at === undefined && inText === undefined) throw new HttpError(400, 'nothing to change: give revoke_at or revoke_in (with revocation_message), or restore: true');
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
    const t = Date.parse(now) + ms;
    // Beyond what a date holds (about 275,000 years from 1970).
    if (!Number.isFinite(t) || Math.abs(t) > 8.64e15) throw new HttpError(400, `revoke_in ${JSON.stringify(inText)} is too far in the future`);
    revokeAt = new Date(t).toISOString();
  }
  return {
    revocation: {
      revokeAt,
      message: message ?? '',
      skipDescendants: body.skip_descendants_revocation === true,
      disableRollback: body.disable_rollback_channels === true,
    },
  };
}
