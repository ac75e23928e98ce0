import { DescribeImagesCommand, type Image } from '@aws-sdk/client-ec2';
import type { Step } from '../../../src/engine/steps.js';
import { findImage } from '../../../src/providers/aws/find-image.js';
import { Value } from '../../../src/value/value.js';
import { ec2Call } from '../ec2-call.js';
import type { EbsState } from '../state.js';

async function imageById(state: EbsState, id: string, signal: AbortSignal): Promise<Image> {
  const out = await ec2Call(signal, 'Error querying AMI', (o) => state.ec2.send(new DescribeImagesCommand({ ImageIds: [id] }), o));
  const image = out.Images?.[0];
  if (!image) throw new Error(`No AMI was found matching filters: the source AMI ${id} does not exist in ${state.region}`);
  return image;
}

/** Packer's StepSourceAMIInfo: finds the source AMI (source_ami, else source_ami_filter) and checks it can be used. */
export const stepSourceAmi: Step<EbsState> = {
  name: 'StepSourceAMIInfo',
  run: async (state, ctx) => {
    const c = state.config;
    let image: Image;
    if (c.source_ami) image = await imageById(state, c.source_ami, ctx.signal);
    else image = await findImage(state.ec2, c.source_ami_filter!, ctx.signal);
    ctx.ui.message(`Found Image ID: ${image.ImageId}`);
    // Packer's checks: an instance-store image cannot make an EBS-backed one; ENA/SR-IOV need HVM.
    if (image.RootDeviceType !== 'ebs') throw new Error('The provided source AMI is instance-store based. The amazon-ebs bundler can only work with EBS based AMIs.');
    // ami_virtualization_type says what the AMI will be; unset, it is the source's.
    if ((c.ena_support === true || c.sriov_support === true) && (c.ami_virtualization_type || image.VirtualizationType) !== 'hvm') {
      throw new Error('Enhanced Networking is not supported on non-HVM AMIs');
    }
    state.sourceImage = image;
    state.data = {
      ...state.data,
      SourceAMI: Value.string(image.ImageId ?? ''),
      SourceAMIName: Value.string(image.Name ?? ''),
      SourceAMICreationDate: Value.string(image.CreationDate ?? ''),
      SourceAMIOwner: Value.string(image.OwnerId ?? ''),
      SourceAMIOwnerName: Value.string(image.ImageOwnerAlias ?? ''),
    };
  },
};
