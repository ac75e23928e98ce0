// What to run when tsbuild cleanup could not delete an EC2 resource: the AWS CLI commands, with the recorded region,
// endpoint and profile. Loads no SDK.

import { shellQuote } from '../../communicator/ssh/exec.js';
import type { ResourceRecord } from '../journal.js';

const quote = (s: string) => (/^[\w./:@=,+-]+$/.test(s) ? s : shellQuote(s));

export function deleteByHand(r: ResourceRecord): string {
  const d = r.data;
  const where = [d.region && `--region ${quote(d.region)}`, d.endpoint && `--endpoint-url ${quote(d.endpoint)}`, d.profile && `--profile ${quote(d.profile)}`];
  const aws = (command: string) => ['aws ec2', command, ...where].filter(Boolean).join(' ');
  switch (r.kind) {
    case 'ec2-instance': {
      const find = d.id
        ? aws(`terminate-instances --instance-ids ${quote(d.id)}`)
        : `${aws(`describe-instances --filters Name=client-token,Values=${quote(d.clientToken ?? '')}`)}, then terminate the instance it lists`;
      const volumes = (d.volumeIds ?? '').split(' ').filter(Boolean);
      return volumes.length ? `${find}; once it is terminated, delete its volumes: ${volumes.map((v) => aws(`delete-volume --volume-id ${v}`)).join('; ')}` : find;
    }
    case 'ec2-key-pair':
      return aws(`delete-key-pair --key-name ${quote(d.name ?? '')}`);
    case 'ec2-security-group':
      return d.id ? aws(`delete-security-group --group-id ${quote(d.id)}`) : `${aws(`describe-security-groups --filters Name=group-name,Values=${quote(d.name ?? '')}`)}, then delete the group it lists`;
    case 'ec2-image': {
      const deregister = d.id ? aws(`deregister-image --image-id ${quote(d.id)}`) : `${aws(`describe-images --owners self --filters Name=name,Values=${quote(d.name ?? '')}`)}, then deregister the AMI it lists`;
      return `${deregister}, and delete its snapshots (aws ec2 delete-snapshot)`;
    }
    default:
      return aws(`delete-launch-template --launch-template-name ${quote(d.name ?? '')}`);
  }
}
