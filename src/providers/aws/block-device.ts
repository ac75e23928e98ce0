// Block device mappings of the amazon builders (`launch_block_device_mappings`, `ami_block_device_mappings`): the
// options of one device and Packer's checks of it, with its messages (the current amazon plugin's wording).

import { blocks, opt, type ConfigOf, type ConfigProblem } from '../../plugin/config.js';

const deviceOptions = {
  device_name: opt.string('The device name exposed to the instance, such as /dev/sdh or xvdh; required.'),
  delete_on_termination: opt.bool('Deletes the volume when the instance terminates (default false: volumes are left behind).'),
  encrypted: opt.bool('Encrypts the volume; unset keeps the source image\'s setting.'),
  iops: opt.number('Provisioned I/O operations per second (io1, io2, gp3).'),
  no_device: opt.bool('Suppresses this device of the source image\'s mapping.'),
  snapshot_id: opt.string('The snapshot the volume is made from.'),
  throughput: opt.number('Throughput in MiB/s, gp3 volumes only (125 to 1000).'),
  virtual_name: opt.string('An instance store volume, ephemeral0 to ephemeral23.'),
  volume_type: opt.string('gp2, gp3, io1, io2, st1, sc1 or standard.'),
  volume_size: opt.number('The size of the volume in GiB; required without snapshot_id.'),
  kms_key_id: opt.string('The KMS key (ID, alias/NAME or ARN) that encrypts the volume; launch mappings only.'),
};

export type BlockDevice = ConfigOf<typeof deviceOptions>;

/** A repeated block of block devices, as both mappings declare it. */
export function blockDevices(description: string) {
  return blocks(description, deviceOptions);
}

const IOPS_RATIOS: Readonly<Record<string, number>> = { io1: 50, io2: 500 };

/** Packer's check of one device: the first problem found, as Packer reports one per device. */
function checkDevice(b: BlockDevice): string | undefined {
  const name = b.device_name ?? '';
  if (!name) return 'The `device_name` must be specified for every device in the block device mapping.';
  if (b.kms_key_id && b.encrypted === false) return `The device ${name}, must also have \`encrypted: true\` when setting a kms_key_id.`;
  const type = b.volume_type ?? '';
  const ratio = IOPS_RATIOS[type];
  if (ratio !== undefined && b.volume_size && b.iops !== undefined) {
    if (Math.trunc(b.iops / b.volume_size) > ratio) {
      return `${name}: the maximum ratio of provisioned IOPS to requested volume size (in GiB) is ${ratio}:1 for ${type} volumes`;
    }
    if (b.iops < 100 || b.iops > 64000) return `IOPS must be between 100 and 64000 for device ${name}`;
  }
  if (type === 'gp3') {
    if (b.throughput !== undefined && (b.throughput < 125 || b.throughput > 1000)) return `Throughput must be between 125 and 1000 for device ${name}`;
    if (b.iops !== undefined && (b.iops < 3000 || b.iops > 16000)) return `IOPS must be between 3000 and 16000 for device ${name}`;
  } else if (b.throughput !== undefined) {
    return `Throughput is only valid for gp3 volumes, ${JSON.stringify(name)} is of type ${type}`;
  }
  return undefined;
}

/**
 * Packer's checks of a mapping. For `ami_block_device_mappings`, a `kms_key_id` (which Packer accepts and does not
 * use there) is rejected: the AMI's volumes are encrypted with the top-level `kms_key_id`.
 */
export function checkBlockDevices(devices: readonly BlockDevice[], attribute: 'launch_block_device_mappings' | 'ami_block_device_mappings'): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const b of devices) {
    const problem = checkDevice(b);
    if (problem) out.push({ message: problem });
    if (attribute === 'ami_block_device_mappings' && b.kms_key_id) {
      out.push({ message: `kms_key_id applies to launch_block_device_mappings only; the volumes of the AMI (device ${b.device_name ?? ''}) are encrypted with the builder's kms_key_id and encrypt_boot` });
    }
  }
  return out;
}
