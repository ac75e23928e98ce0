import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DeleteSecurityGroupCommand, DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import { sleep } from '../../../src/engine/cancel.js';
import type { Step } from '../../../src/engine/steps.js';
import { timeOrderedUuid } from '../../../src/gotemplate/index.js';
import { errorMessage } from '../../../src/plugin/errors.js';
import { ec2Call, ec2ErrorCode } from '../ec2-call.js';
import type { EbsState } from '../state.js';

/** How long a group still in use by a terminating instance is retried (EC2 frees it shortly after). */
const IN_USE_RETRY_MS = 120_000;

async function groupNamed(state: EbsState, name: string, signal: AbortSignal): Promise<string | undefined> {
  const filters = [{ Name: 'group-name', Values: [name] }, ...(state.vpcId ? [{ Name: 'vpc-id', Values: [state.vpcId] }] : [])];
  const out = await ec2Call(signal, `Looking for security group ${name}`, (o) => state.ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters }), o));
  return out.SecurityGroups?.[0]?.GroupId;
}

/**
 * Packer's StepSecurityGroup: security_group_id(s) or the filter's groups, else a temporary group `packer_<uuid>`
 * admitting the SSH port from temporary_security_group_source_cidrs; written to the journal before it is made,
 * deleted at cleanup (after the instance is terminated).
 */
export const stepSecurityGroup: Step<EbsState> = {
  name: 'StepSecurityGroup',
  run: async (state, ctx) => {
    const c = state.config;
    const given = c.security_group_ids?.length ? c.security_group_ids : c.security_group_id ? [c.security_group_id] : state.securityGroupIds;
    if (given?.length) {
      ctx.ui.say('Using specified security groups...');
      state.securityGroupIds = given;
      return;
    }
    if (c.communicator === 'none') return;
    const name = `packer_${timeOrderedUuid()}`;
    state.groupName = name;
    ctx.ui.say(`Creating temporary security group for this instance: ${name}`);
    state.groupRecord = ctx.journal.record('ec2-security-group', ctx.buildName, `security group ${name} (${state.region})`, {
      ...state.access(state.region),
      name,
      vpcId: state.vpcId ?? '',
    });
    const out = await ec2Call(ctx.signal, 'Error creating temporary security group', (o) =>
      state.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: 'Temporary group for Packer', VpcId: state.vpcId }), o),
    );
    const id = out.GroupId!;
    state.tempGroupId = id;
    ctx.journal.update(state.groupRecord, { id });
    state.securityGroupIds = [id];
    const cidrs = c.temporary_security_group_source_cidrs;
    const port = c.ssh_port;
    ctx.ui.say(`Authorizing access to port ${port} from [${cidrs.join(' ')}] in the temporary security groups...`);
    await ec2Call(ctx.signal, 'Error authorizing temporary security group', (o) =>
      state.ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: id,
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: cidrs.map((CidrIp) => ({ CidrIp })) }],
        }),
        o,
      ),
    );
  },
  cleanup: async (state, ctx) => {
    const record = state.groupRecord;
    // A create cancelled or failed after EC2 made the group: found by its name.
    let id = state.tempGroupId;
    if (!id && record) {
      try {
        id = await groupNamed(state, state.groupName!, ctx.signal);
      } catch (e) {
        ctx.ui.error(`${errorMessage(e)}: the journal keeps it for tsbuild cleanup`);
        return;
      }
    }
    state.tempGroupId = undefined;
    state.groupRecord = undefined;
    if (!id) {
      if (record) ctx.journal.forget(record);
      return;
    }
    ctx.ui.say('Deleting temporary security group...');
    const deadline = Date.now() + IN_USE_RETRY_MS;
    for (let delay = 1000; ; delay = Math.min(delay * 2, 10_000)) {
      try {
        await ec2Call(ctx.signal, `Error cleaning up security group. Please delete the group manually: ${id}`, (o) =>
          state.ec2.send(new DeleteSecurityGroupCommand({ GroupId: id }), o),
        );
        if (record) ctx.journal.forget(record);
        return;
      } catch (e) {
        const code = ec2ErrorCode(e);
        if (code === 'InvalidGroup.NotFound') {
          if (record) ctx.journal.forget(record);
          return;
        }
        if (code !== 'DependencyViolation' || Date.now() > deadline) {
          ctx.ui.error(errorMessage(e));
          return;
        }
        await sleep(delay, ctx.signal);
      }
    }
  },
};
