// The amazon-ebs builder's run: Packer's steps, in Packer's order, on the AWS SDK's EC2 client.

import { runSteps, type Step } from '../../src/engine/steps.js';
import { sshSettingsOf } from '../../src/communicator/ssh/config.js';
import type { Artifact } from '../../src/plugin/artifact.js';
import type { RunContext } from '../../src/plugin/context.js';
import type { ProvisionHook } from '../../src/plugin/plugins.js';
import { ec2AccessData } from '../../src/providers/aws/journal-data.js';
import { loadAws } from '../../src/providers/aws/load.js';
import { makePoller, pollSettings } from '../../src/providers/aws/poll.js';
import { stepConnectSsh, sshGeneratedData } from '../../src/steps/connect-ssh.js';
import { stepProvision } from '../../src/steps/provision.js';
import { Value } from '../../src/value/value.js';
import { amiArtifact } from './artifact.js';
import type { AmazonEbsConfig } from './config.js';
import { onSourceInstance } from './instance-comm.js';
import type { EbsState } from './state.js';
import { stepCreateAmi } from './steps/create-ami.js';
import { stepDeregister } from './steps/deregister.js';
import { stepCreateTags, stepDeprecation, stepModifyAttributes } from './steps/finish-ami.js';
import { stepCleanupVolumes, stepModifyInstance, stepStopInstance } from './steps/instance-lifecycle.js';
import { stepKeyPair } from './steps/key-pair.js';
import { stepNetwork } from './steps/network.js';
import { stepPreValidate } from './steps/pre-validate.js';
import { stepRegionCopy } from './steps/region-copy.js';
import { stepRunInstance } from './steps/run-instance.js';
import { stepSecurityGroup } from './steps/security-group.js';
import { stepSourceAmi } from './steps/source-ami.js';

/** The steps, as Packer's amazon-ebs runs them. */
function steps(config: AmazonEbsConfig, provision: ProvisionHook): Step<EbsState>[] {
  const list: Step<EbsState>[] = [stepPreValidate, stepSourceAmi, stepNetwork, stepKeyPair, stepSecurityGroup, stepCleanupVolumes, stepRunInstance];
  if (config.communicator !== 'none') {
    const base = sshSettingsOf(config);
    list.push(stepConnectSsh<EbsState>((s) => ({ ...base, host: s.host!, privateKey: s.privateKey ?? base.privateKey, privateKeyFile: s.privateKey ? undefined : base.privateKeyFile })));
    list.push(stepGeneratedConnection(base));
  }
  list.push(stepProvision<EbsState>(provision, (s) => s.comm && onSourceInstance(s.comm), (s) => s.data));
  list.push(stepStopInstance, stepModifyInstance);
  if (!config.skip_create_ami) list.push(stepDeregister, stepCreateAmi, stepRegionCopy, stepDeprecation, stepModifyAttributes, stepCreateTags);
  return list;
}

/** Packer's StepSetGeneratedData for the connection: build.Host, Port, User, SSHPrivateKey... once they are known. */
function stepGeneratedConnection(base: ReturnType<typeof sshSettingsOf>): Step<EbsState> {
  return {
    name: 'StepSetGeneratedData',
    run: async (state) => {
      const conn = await sshGeneratedData({ ...base, host: state.host!, privateKey: state.privateKey ?? base.privateKey });
      state.data = { ...conn, ...state.data };
    },
  };
}

export async function runAmazonEbs(config: AmazonEbsConfig, ctx: RunContext, provision: ProvisionHook): Promise<Artifact | undefined> {
  const aws = await loadAws();
  const conn = await aws.openEc2(config, ctx.env, ctx.signal);
  try {
    const state: EbsState = {
      config,
      ec2: conn.ec2,
      region: conn.region,
      clientFor: conn.clientFor,
      access: (region) => ec2AccessData(config, region, conn.endpoint),
      accessConfig: config,
      poller: makePoller(pollSettings(config.aws_polling, ctx.env)),
      amis: new Map(),
      snapshots: new Map(),
      images: [],
      data: { BuildRegion: Value.string(conn.region) },
    };
    await runSteps(steps(config, provision), state, ctx);
    if (state.amis.size === 0) return undefined;
    return amiArtifact(state.amis, state.sourceImage?.ImageId ?? '', state.data, conn.clientFor);
  } finally {
    // The artifact's destroy makes its own clients when called after the run.
    conn.close();
  }
}
