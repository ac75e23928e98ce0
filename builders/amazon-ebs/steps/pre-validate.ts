import { DescribeRegionsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import type { Step } from '../../../src/engine/steps.js';
import { ec2Call } from '../ec2-call.js';
import { imagesNamed } from '../images.js';
import type { EbsState } from '../state.js';

/**
 * Packer's StepPreValidate, before anything is created: the regions exist (unless skip_region_validation), a
 * vpc_id that is not the default VPC comes with a subnet, and no AMI has the name already (unless force_deregister
 * or -force).
 */
export const stepPreValidate: Step<EbsState> = {
  name: 'StepPreValidate',
  run: async (state, ctx) => {
    const c = state.config;
    if (!c.skip_region_validation) {
      const out = await ec2Call(ctx.signal, 'Error listing regions', (o) => state.ec2.send(new DescribeRegionsCommand({ AllRegions: true }), o));
      const known = new Set((out.Regions ?? []).map((r) => r.RegionName));
      for (const region of [state.region, ...(c.ami_regions ?? [])]) {
        if (!known.has(region)) throw new Error(`Invalid region: ${region} is not a region EC2 knows (skip_region_validation = true skips this check)`);
      }
    }
    ctx.ui.say('Prevalidating any provided VPC information');
    if (c.vpc_id && !c.subnet_id && !c.subnet_filter) {
      const out = await ec2Call(ctx.signal, 'Error retrieving VPC information', (o) => state.ec2.send(new DescribeVpcsCommand({ VpcIds: [c.vpc_id!] }), o));
      if (!out.Vpcs?.[0]?.IsDefault) throw new Error('Error: subnet_id or subnet_filter must be provided for non-default VPCs');
    }
    if (c.skip_create_ami) return;
    if (c.force_deregister || ctx.force) {
      ctx.ui.say('Force Deregister flag found, skipping prevalidating AMI Name');
      return;
    }
    const name = c.ami_name!;
    ctx.ui.say(`Prevalidating AMI Name: ${name}`);
    const found = await imagesNamed(state.ec2, name, ctx.signal);
    if (found.length > 0) throw new Error(`Error: AMI Name: '${name}' is used by an existing AMI: ${found[0]!.ImageId}`);
  },
};
