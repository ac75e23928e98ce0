// The image options of the amazon builders (Packer's AMIConfig): name, description, sharing, regions, encryption,
// tags, with Packer's checks and messages. Some options came after Packer 1.6.6 (ami_org_arns, deprecate_at,
// skip_create_ami): they are declared as the current documentation has them.

import { opt, type ConfigOf, type ConfigProblem } from '../../plugin/config.js';
import { tagBlocks } from './tag-blocks.js';

export const amiOptions = {
  ami_name: opt.string('The name of the AMI: 3 to 128 characters, unique in the account ({{timestamp}} and clean_resource_name help).'),
  ami_description: opt.string('The description of the AMI (may use the build\'s generated data, such as {{ .SourceAMIName }}).'),
  ami_virtualization_type: opt.string('The virtualization type of the AMI: hvm or paravirtual; unset keeps the source image\'s.'),
  ami_users: opt.strings('Account IDs that may launch the AMI.'),
  ami_groups: opt.strings('Groups that may launch the AMI; "all" makes it public.'),
  ami_org_arns: opt.strings('ARNs of AWS Organizations that may launch the AMI.'),
  ami_regions: opt.strings('Regions the AMI is copied to (in parallel); tags and sharing are copied too.'),
  region_kms_key_ids: opt.stringMap('The KMS key that encrypts the copy in each region of ami_regions ("" for the region\'s default key).'),
  encrypt_boot: opt.bool('Encrypts the AMI\'s boot volume; unset keeps the source image\'s setting.'),
  kms_key_id: opt.string('The KMS key (ID, alias/NAME or ARN) that encrypts the boot volume; requires encrypt_boot.'),
  snapshot_users: opt.strings('Account IDs that may create volumes from the AMI\'s snapshots.'),
  snapshot_groups: opt.strings('Groups that may create volumes from the AMI\'s snapshots; "all" makes them public.'),
  tags: opt.stringMap('Tags of the AMI (and of its copies), templated with the build\'s generated data.'),
  tag: tagBlocks('tags'),
  snapshot_tags: opt.stringMap('Tags of the AMI\'s snapshots, templated with the build\'s generated data.'),
  snapshot_tag: tagBlocks('snapshot_tags'),
  force_deregister: opt.bool('Deregisters an existing AMI of the same name before creating this one (also with -force).'),
  force_delete_snapshot: opt.bool('With force_deregister, also deletes the snapshots of the deregistered AMI.'),
  ena_support: opt.bool('Enables enhanced networking (ENA) on the AMI; unset keeps the source image\'s setting.'),
  sriov_support: opt.bool('Enables enhanced networking (SR-IOV) on HVM AMIs.'),
  deprecate_at: opt.string('When the AMI is deprecated: a UTC date and time, such as 2030-01-01T00:00:00Z.'),
  skip_create_ami: opt.bool('Provisions the instance but creates no AMI (to test provisioning).'),
};

export type AmiOptions = ConfigOf<typeof amiOptions>;

const KMS_ID = '[a-f0-9-]+$';
const KMS_ALIAS = 'alias/[a-zA-Z0-9:/_-]+$';
const KMS_ARN = '^arn:aws(-us-gov)?:kms:([a-z]{2}-(gov-)?[a-z]+-\\d{1})?:(\\d{12}):';
const KMS_PATTERNS = [`^${KMS_ID}`, `^${KMS_ALIAS}`, `${KMS_ARN}key/${KMS_ID}`, `${KMS_ARN}${KMS_ALIAS}`].map((p) => new RegExp(p));

/** Whether a KMS key is written in a form CopyImage accepts: a key ID, alias/NAME, or the ARN of either. */
export function isKmsKeyId(key: string): boolean {
  return KMS_PATTERNS.some((p) => p.test(key));
}

/** The characters an AMI name may not contain (clean_resource_name replaces them). */
const AMI_NAME_BAD = /[^a-zA-Z0-9()[\] ./\-'@_]/;

function checkSharing(c: AmiOptions): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const regionKeys = Object.values(c.region_kms_key_ids ?? {});
  const hasRegionKeys = regionKeys.length > 0;
  if ((c.ami_users ?? []).length > 0) {
    if (!c.kms_key_id && !hasRegionKeys && c.encrypt_boot === true) out.push({ message: 'Cannot share AMI encrypted with default KMS key' });
    for (const k of regionKeys) if (!k) out.push({ message: 'Cannot share AMI encrypted with default KMS key for other regions' });
  }
  const keys = [...(c.kms_key_id ? [c.kms_key_id] : []), ...regionKeys.filter(Boolean)];
  if (keys.length > 0 && c.encrypt_boot !== true) out.push({ message: 'If you have set either region_kms_key_ids or kms_key_id, encrypt_boot must also be true.' });
  for (const k of keys) if (!isKmsKeyId(k)) out.push({ message: `${JSON.stringify(k)} is not a valid KMS Key Id.` });
  if ((c.snapshot_users ?? []).length > 0) {
    if (!c.kms_key_id && !hasRegionKeys && c.encrypt_boot === true) {
      out.push({ message: 'Cannot share snapshot encrypted with default KMS key, see https://www.packer.io/docs/builders/amazon-ebs#region_kms_key_ids for more information' });
    }
    for (const k of regionKeys) if (!k) out.push({ message: 'Cannot share snapshot encrypted with default KMS key' });
  }
  return out;
}

/** Packer's checks of the image options, in its order, then the early checks of values EC2 would refuse. */
export function checkAmi(c: AmiOptions): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const name = c.ami_name ?? '';
  if (!name) out.push({ message: 'ami_name must be specified', attribute: 'ami_name' });
  const regions = c.ami_regions ?? [];
  for (const region of Object.keys(c.region_kms_key_ids ?? {})) {
    if (!regions.includes(region)) out.push({ message: `Region ${region} is in region_kms_key_ids but not in ami_regions`, attribute: 'region_kms_key_ids' });
  }
  if (c.region_kms_key_ids && Object.keys(c.region_kms_key_ids).length > 0) {
    for (const region of new Set(regions)) {
      if (!Object.hasOwn(c.region_kms_key_ids, region)) out.push({ message: `Region ${region} is in ami_regions but not in region_kms_key_ids`, attribute: 'ami_regions' });
    }
  }
  out.push(...checkSharing(c));
  if (name.length < 3 || name.length > 128) out.push({ message: 'ami_name must be between 3 and 128 characters long', attribute: 'ami_name' });
  if (AMI_NAME_BAD.test(name)) {
    out.push({
      message:
        'AMIName should only contain alphanumeric characters, parentheses (()), square brackets ([]), spaces ( ), periods (.), slashes (/), dashes (-), single quotes (\'), at-signs (@), or underscores(_). You can use the `clean_resource_name` template filter to automatically clean your ami name.',
      attribute: 'ami_name',
    });
  }
  const virt = c.ami_virtualization_type;
  if (virt !== undefined && virt !== '' && virt !== 'hvm' && virt !== 'paravirtual') {
    out.push({ message: `ami_virtualization_type must be "hvm" or "paravirtual"; got ${JSON.stringify(virt)}`, attribute: 'ami_virtualization_type' });
  }
  if (c.deprecate_at && !isUtcDateTime(c.deprecate_at)) {
    out.push({ message: `deprecate_at must be a UTC date and time such as 2030-01-01T00:00:00Z; got ${JSON.stringify(c.deprecate_at)}`, attribute: 'deprecate_at' });
  }
  return out;
}

/** RFC 3339 in UTC, as EC2's EnableImageDeprecation takes it. */
function isUtcDateTime(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(text) && !Number.isNaN(Date.parse(text));
}
