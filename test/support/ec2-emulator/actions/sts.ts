// The two STS actions the AWS access configuration needs: GetCallerIdentity (credential validation) and AssumeRole
// (assume_role), answered from the same loopback endpoint (AWS_ENDPOINT_URL_STS points there in tests).

import { Ec2Error } from '../errors.js';
import type { Action } from '../context.js';
import { intParam, listParam, required, structParams } from '../query.js';

export const getCallerIdentity: Action = ({ caller }) => ({
  Arn: caller.arn,
  UserId: caller.accessKey,
  Account: caller.account,
});

export const assumeRole: Action = ({ params, caller, identity }) => {
  const roleArn = required(params, 'RoleArn');
  const sessionName = required(params, 'RoleSessionName');
  const durationSeconds = intParam(params, 'DurationSeconds') ?? 3600;
  const role = identity.roles.get(roleArn);
  const externalId = params.get('ExternalId');
  if (!role || (role.externalId !== undefined && role.externalId !== externalId)) {
    throw new Ec2Error('AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  }
  if (durationSeconds < 900 || durationSeconds > 43200) {
    throw new Ec2Error('ValidationError', `1 validation error detected: Value '${durationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`, 400);
  }
  const issued = identity.issue({
    roleArn,
    sessionName,
    externalId,
    durationSeconds,
    policy: params.get('Policy'),
    policyArns: structParams(params, 'PolicyArns.member').map((p) => p.get('arn') ?? ''),
    tags: Object.fromEntries(structParams(params, 'Tags.member').map((t) => [t.get('Key') ?? '', t.get('Value') ?? ''])),
    transitiveTagKeys: listParam(params, 'TransitiveTagKeys.member'),
    sourceArn: caller.arn,
  });
  return {
    Credentials: {
      AccessKeyId: issued.accessKeyId,
      SecretAccessKey: issued.secretAccessKey,
      SessionToken: issued.sessionToken,
      Expiration: new Date(Date.now() + durationSeconds * 1000).toISOString(),
    },
    AssumedRoleUser: { AssumedRoleId: `AROAEMULATOR:${sessionName}`, Arn: issued.arn },
  };
};
