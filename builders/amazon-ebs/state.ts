import type { EC2Client, Image } from '@aws-sdk/client-ec2';
import type { SshCommunicator } from '../../src/communicator/ssh/communicator.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';
import type { AwsAccessConfig } from '../../src/providers/aws/access-config.js';
import type { Ec2Access } from '../../src/providers/aws/journal-data.js';
import type { Poller } from '../../src/providers/aws/poll.js';
import type { AmazonEbsConfig } from './config.js';

/** What the amazon-ebs steps share. Steps replace `data` (never change it in place) as they learn more. */
export interface EbsState {
  config: AmazonEbsConfig;
  /** The build region's client. */
  ec2: EC2Client;
  region: string;
  /** A client for another region (ami_regions), made on first use and destroyed at the end of the run. */
  clientFor(region: string): EC2Client;
  /** The journal data of a resource in `region` (where to reach EC2 again). */
  access(region: string): Ec2Access;
  accessConfig: AwsAccessConfig;
  /** Waits for EC2 states: aws_polling, AWS_POLL_DELAY_SECONDS / AWS_MAX_ATTEMPTS, or short first delays then backoff. */
  poller: Poller;
  sourceImage?: Image;
  vpcId?: string;
  subnetId?: string;
  availabilityZone?: string;
  /** The key pair the instance is launched with (temporary or ssh_keypair_name), and its private key. */
  keyName?: string;
  privateKey?: string;
  securityGroupIds?: string[];
  instanceId?: string;
  /** The address SSH connects to (ssh_host, else by ssh_interface). */
  host?: string;
  comm?: SshCommunicator;
  /** The AMI made in the build region, then one per region of ami_regions: region -> AMI id. */
  amis: Map<string, string>;
  /** The snapshots of each AMI: AMI id -> snapshot ids. */
  snapshots: Map<string, string[]>;
  /** `build.*` values. */
  data: GeneratedData;
}
