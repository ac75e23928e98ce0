// The accounts tests configure: access keys (long-term, and temporary ones AssumeRole issues) and the roles
// that can be assumed, with the sessions assumed so far for tests to inspect.

import { randomBytes } from 'node:crypto';
import type { AccessKey } from './auth.js';

export interface Role {
  /** When set, AssumeRole must pass this ExternalId. */
  externalId?: string;
}

export interface AssumedSession {
  roleArn: string;
  sessionName: string;
  externalId?: string;
  durationSeconds: number;
  policy?: string;
  policyArns: string[];
  tags: Record<string, string>;
  transitiveTagKeys: string[];
  /** Who assumed it. */
  sourceArn: string;
  accessKeyId: string;
}

export class Identity {
  readonly keys = new Map<string, AccessKey>();
  readonly roles = new Map<string, Role>();
  readonly sessions: AssumedSession[] = [];

  /** Issues temporary credentials for `roleArn` and records the session. */
  issue(session: Omit<AssumedSession, 'accessKeyId'>): { accessKeyId: string; secretAccessKey: string; sessionToken: string; arn: string } {
    const account = /^arn:aws:iam::(\d{12}):role\//.exec(session.roleArn)?.[1] ?? '000000000000';
    const roleName = session.roleArn.split('/').pop()!;
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const sessionToken = randomBytes(24).toString('base64');
    const arn = `arn:aws:sts::${account}:assumed-role/${roleName}/${session.sessionName}`;
    this.keys.set(accessKeyId, { account, arn, sessionToken });
    this.sessions.push({ ...session, accessKeyId });
    return { accessKeyId, secretAccessKey: randomBytes(20).toString('base64'), sessionToken, arn };
  }
}
