import { block, declareConfig, opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../src/plugin/config.js';
import { sshOptions, validateSsh } from '../../src/communicator/ssh/options.js';
import { awsAccessOptions, checkAwsAccess } from '../../src/providers/aws/access-config.js';
import { amiOptions, checkAmi } from '../../src/providers/aws/ami-options.js';
import { checkBlockDevices } from '../../src/providers/aws/block-device.js';
import { checkRun, isSpot, runOptions } from '../../src/providers/aws/run-options.js';

/** The WinRM options Packer's amazon builders take: declared so that a Windows template is told WinRM is missing. */
const winrmOptions = {
  winrm_username: opt.string('Rejected: tsbuild has no WinRM communicator.'),
  winrm_password: opt.string('Rejected: tsbuild has no WinRM communicator.').sensitive(),
  winrm_host: opt.string('Rejected: tsbuild has no WinRM communicator.'),
  winrm_port: opt.number('Rejected: tsbuild has no WinRM communicator.'),
  winrm_timeout: opt.string('Rejected: tsbuild has no WinRM communicator.'),
  winrm_use_ssl: opt.bool('Rejected: tsbuild has no WinRM communicator.'),
  winrm_insecure: opt.bool('Rejected: tsbuild has no WinRM communicator.'),
  winrm_use_ntlm: opt.bool('Rejected: tsbuild has no WinRM communicator.'),
};

const amazonEbsOptions = {
  ...awsAccessOptions,
  skip_region_validation: opt.bool('Does not check that region and ami_regions are regions EC2 knows.'),
  ...runOptions,
  communicator: opt.string('"ssh" (default) to provision over SSH, or "none" to make an image without provisioning.').defaultIfEmpty('ssh'),
  ...sshOptions,
  ...winrmOptions,
  ...amiOptions,
  ami_block_device_mappings: runOptions.launch_block_device_mappings,
  aws_polling: block('How long to wait for EC2 state changes (default: AWS_POLL_DELAY_SECONDS and AWS_MAX_ATTEMPTS, else short first delays, then backoff).', {
    delay_seconds: opt.number('Seconds between two checks of a state.'),
    max_attempts: opt.number('How many checks before giving up.'),
  }),
};

export type AmazonEbsConfig = ConfigOf<typeof amazonEbsOptions>;

/** The communicator's checks: Packer's SSH ones, with the amazon builders' rules on key pairs. */
function checkCommunicator(c: AmazonEbsConfig, ctx: ValidateContext): ConfigProblem[] {
  const winrm = Object.keys(winrmOptions).filter((k) => c[k as keyof typeof winrmOptions] !== undefined);
  if (c.communicator === 'winrm' || winrm.length > 0) {
    return [{ summary: 'The winrm communicator is not available', message: 'tsbuild connects to instances over SSH only: it has no WinRM communicator (communicator = "winrm", winrm_* options).' }];
  }
  if (c.communicator === 'none') return [];
  if (c.communicator !== 'ssh') return [{ message: `communicator must be "ssh" or "none" for the amazon-ebs builder; got ${JSON.stringify(c.communicator)}`, attribute: 'communicator' }];
  // Packer's amazon builders make rsa or ed25519 temporary key pairs only (EC2 imports no other kind).
  const out = validateSsh(c, ctx).filter((p) => p.attribute !== 'temporary_key_pair_type');
  const type = c.temporary_key_pair_type ?? c.ssh_temporary_key_pair_type;
  if (type !== undefined && type !== 'rsa' && type !== 'ed25519') out.push({ message: 'temporary_key_pair_type requires either rsa or ed25519 as its value', attribute: 'temporary_key_pair_type' });
  if (c.ssh_keypair_name && !c.ssh_private_key_file && !c.ssh_agent_auth) {
    out.push({ message: 'ssh_private_key_file must be provided or ssh_agent_auth enabled when ssh_keypair_name is specified.', attribute: 'ssh_keypair_name' });
  }
  return out;
}

function checkPolling(p: AmazonEbsConfig['aws_polling']): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const key of ['delay_seconds', 'max_attempts'] as const) {
    const v = p?.[key];
    if (v !== undefined && (v < 1 || !Number.isInteger(v))) out.push({ message: `aws_polling.${key} must be a whole number, 1 or more; got ${v}` });
  }
  return out;
}

/** Packer's Prepare of amazon-ebs: access, image, mappings, then the instance and its communicator, then spot. */
function checkAmazonEbs(c: AmazonEbsConfig, ctx: ValidateContext): ConfigProblem[] {
  const out = [...checkAwsAccess(c), ...checkAmi(c), ...checkBlockDevices(c.ami_block_device_mappings, 'ami_block_device_mappings')];
  out.push(...checkBlockDevices(c.launch_block_device_mappings, 'launch_block_device_mappings'));
  out.push(...checkCommunicator(c, ctx), ...checkRun(c, ctx));
  if (isSpot(c) && (c.ena_support === true || c.sriov_support === true)) {
    out.push({
      message:
        'Spot instances do not support modification, which is required when either `ena_support` or `sriov_support` are set. Please ensure you use an AMI that already has either SR-IOV or ENA enabled.',
    });
  }
  out.push(...checkPolling(c.aws_polling));
  return out;
}

/** amazon-ebs's settings, defaults and checks, as Packer's amazon plugin documents them. */
export const amazonEbsConfig = declareConfig(amazonEbsOptions, checkAmazonEbs);
