// launch_block_device_mappings and ami_block_device_mappings as EC2's BlockDeviceMapping list, as Packer's
// BuildEC2BlockDeviceMappings makes it: no_device suppresses a device, virtual_name names an instance store,
// otherwise an EBS volume from a snapshot or of a size.

import type { BlockDeviceMapping, VolumeType } from '@aws-sdk/client-ec2';
import type { BlockDevice } from '../../src/providers/aws/block-device.js';

export function ec2BlockDeviceMappings(devices: readonly BlockDevice[]): BlockDeviceMapping[] {
  return devices.map((d) => {
    const DeviceName = d.device_name;
    if (d.no_device) return { DeviceName, NoDevice: '' };
    if (d.virtual_name) return { DeviceName, VirtualName: d.virtual_name };
    return {
      DeviceName,
      Ebs: {
        DeleteOnTermination: d.delete_on_termination === true,
        ...(d.volume_type ? { VolumeType: d.volume_type as VolumeType } : {}),
        ...(d.snapshot_id ? { SnapshotId: d.snapshot_id } : {}),
        ...(d.volume_size ? { VolumeSize: d.volume_size } : {}),
        ...(d.encrypted !== undefined ? { Encrypted: d.encrypted } : {}),
        ...(d.kms_key_id ? { KmsKeyId: d.kms_key_id } : {}),
        ...(d.iops !== undefined ? { Iops: d.iops } : {}),
        ...(d.throughput !== undefined ? { Throughput: d.throughput } : {}),
      },
    };
  });
}
