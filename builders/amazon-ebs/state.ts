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
  /** The temporary key pair made for the build, and its journal entry. */
  tempKeyName?: string;
  keyPairRecord?: string;
  securityGroupIds?: string[];
  /** The temporary security group made for the build, and its journal entry. */
  groupName?: string;
  tempGroupId?: string;
  groupRecord?: string;
  instanceId?: string;
  instanceRecord?: string;
  /** A spot build's launch template, and its journal entry. */
  launchTemplateName?: string;
  launchTemplateId?: string;
  launchTemplateRecord?: string;
  /** RunInstances' idempotency token: finds the instance when the launch was cut off. */
  clientToken?: string;
  /** Volumes of launch_block_device_mappings that outlive the instance (delete_on_termination false). */
  keptVolumeIds?: string[];
  /** The address SSH connects to (ssh_host, else by ssh_interface). */
  host?: string;
  comm?: SshCommunicator;
  /** The AMIs of the artifact: region -> AMI id (the build region's, then the copies). */
  amis: Map<string, string>;
  /** The snapshots of each AMI: AMI id -> snapshot ids. */
  snapshots: Map<string, string[]>;
  /** Every AMI the build asked EC2 for (the intermediary one too), with its journal entry, until handed over or deleted. */
  images: MadeImage[];
  /** `build.*` values. */
  data: GeneratedData;
}

/** An AMI the build made or is making. */
export interface MadeImage {
  region: string;
  name: string;
  /** Undefined until CreateImage/CopyImage answered. */
  id?: string;
  record: string;
  /** Made only to be copied (encrypt_boot): deleted once the copy exists. */
  intermediary: boolean;
}
