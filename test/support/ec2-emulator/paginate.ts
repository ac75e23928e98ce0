// MaxResults / NextToken as EC2 pages describe calls: without MaxResults every result comes in one answer; with
// it, pages of at most MaxResults and a NextToken while more remain. Tokens are opaque and tied to the action.

import { Ec2Error, invalidParameter } from './errors.js';
import { intParam, type Params } from './query.js';

export function paginate<T>(items: readonly T[], params: Params, action: string, bounds = { min: 5, max: 1000 }): { page: T[]; nextToken?: string } {
  const max = intParam(params, 'MaxResults');
  const token = params.get('NextToken');
  let start = 0;
  if (token !== undefined && token !== '') {
    const decoded = decodeToken(token);
    if (!decoded || decoded.action !== action) throw new Ec2Error('InvalidPaginationToken', 'The specified pagination token is not valid or is expired.');
    start = decoded.offset;
  }
  if (max === undefined) return { page: items.slice(start) };
  if (max < bounds.min || max > bounds.max) {
    throw invalidParameter(`Value ( ${max} ) for parameter maxResults is invalid. Expecting a value between ${bounds.min} and ${bounds.max}.`);
  }
  const page = items.slice(start, start + max);
  const next = start + max < items.length ? encodeToken(action, start + max) : undefined;
  return { page, nextToken: next };
}

function encodeToken(action: string, offset: number): string {
  return Buffer.from(JSON.stringify({ action, offset })).toString('base64url');
}

function decodeToken(token: string): { action: string; offset: number } | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { action?: unknown; offset?: unknown };
    return typeof v.action === 'string' && typeof v.offset === 'number' ? { action: v.action, offset: v.offset } : undefined;
  } catch {
    return undefined;
  }
}
