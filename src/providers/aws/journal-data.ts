// What the resource journal keeps of an EC2 resource: enough for `tsbuild cleanup` to reach EC2 again and find the
// resource, even when the run was killed before it learnt the resource's ID. Never a secret: cleanup finds
// credentials as the SDKs do (environment, shared files, instance metadata), with the profile, credentials file
// and role the template named.
//
// Every EC2 record's data has the fields of Ec2Access; then, by kind:
// - ec2-instance: `clientToken` (RunInstances' idempotency token: finds the instance when its ID was never learnt),
//   `launchTemplateId` (a spot build's: EC2 tags the instance with it, which finds it likewise), `id` once known,
//   `volumeIds` (space-separated) of volumes the build made that outlive the instance (not deleted
//   on termination), once known. Cleanup terminates the instance, waits until it is terminated, then deletes those
//   volumes.
// - ec2-key-pair: `name`.
// - ec2-security-group: `name`, `vpcId` ('' for the default VPC), `id` once known. Cleanup deletes it (an
//   instance that used it is terminated first: records are cleaned newest first).
// - ec2-image: `name` (AMI names are unique per account and region), `id` once known. Cleanup deregisters the AMI
//   and deletes the snapshots its block device mappings name.
// - ec2-launch-template: `name` (spot builds' launch template).

import type { AwsAccessConfig } from './access-config.js';

/** Where a resource lives and how to reach EC2 there; all strings ('' when not set), as journal data is. */
export interface Ec2Access {
  region: string;
  /** custom_endpoint_ec2, as a URL. */
  endpoint: string;
  profile: string;
  sharedCredentialsFile: string;
  /** assume_role's role_arn. */
  roleArn: string;
}

export function ec2AccessData(c: AwsAccessConfig, region: string, endpoint: string | undefined): Ec2Access {
  return {
    region,
    endpoint: endpoint ?? '',
    profile: c.profile ?? '',
    sharedCredentialsFile: c.shared_credentials_file ?? '',
    roleArn: c.assume_role?.role_arn ?? '',
  };
}
