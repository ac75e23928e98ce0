// CreateSecurityGroup, AuthorizeSecurityGroupIngress, DescribeSecurityGroups and DeleteSecurityGroup (refused
// while an instance that is not terminated uses the group, as EC2 refuses it).

import { Ec2Error, notFound } from '../errors.js';
import { applyFilters, type FilterTable } from '../filters.js';
import { tagSet, type Action, type ActionContext } from '../context.js';
import type { IngressRule, SecurityGroup } from '../model.js';
import { intParam, filterParams, listParam, required, structParams, tagSpecifications, type Params } from '../query.js';

const VPC_ID = 'vpc-0emulator00000000';

const GROUP_FILTERS: FilterTable<SecurityGroup> = {
  'group-id': (g) => [g.id],
  'group-name': (g) => [g.name],
  description: (g) => [g.description],
  'vpc-id': (g) => [g.vpcId],
  'owner-id': (g) => [g.ownerId],
};

function findGroup({ params, caller, store }: ActionContext): SecurityGroup {
  const id = params.get('GroupId');
  const name = params.get('GroupName');
  if (!id && !name) throw new Ec2Error('MissingParameter', 'The request must contain the parameter groupName or groupId');
  const group = store.list('security-group', caller.region).find((g) => (id ? g.id === id : g.name === name));
  if (!group) throw notFound('InvalidGroup.NotFound', `The security group '${id ?? name}' does not exist`);
  return group;
}

export const createSecurityGroup: Action = ({ params, caller, store }) => {
  const name = required(params, 'GroupName');
  const description = required(params, 'GroupDescription');
  const vpcId = params.get('VpcId') ?? VPC_ID;
  if (store.list('security-group', caller.region).some((g) => g.name === name && g.vpcId === vpcId)) {
    throw new Ec2Error('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpcId}'`);
  }
  const group = store.add<SecurityGroup>({
    kind: 'security-group',
    id: store.newId('sg'),
    region: caller.region,
    ownerId: caller.account,
    name,
    description,
    vpcId,
    ingress: [],
    tags: new Map(tagSpecifications(params).get('security-group')),
    seeded: false,
  });
  return { return: true, groupId: group.id, tagSet: tagSet(group.tags) };
};

/** The rules of a request: `IpPermissions.N.*`, or the older top-level IpProtocol/FromPort/ToPort/CidrIp. */
function rulesOf(params: Params): IngressRule[] {
  const structured = structParams(params, 'IpPermissions').map((p) => ({
    ipProtocol: p.get('IpProtocol') ?? '-1',
    fromPort: intParam(p, 'FromPort'),
    toPort: intParam(p, 'ToPort'),
    cidrs: structParams(p, 'IpRanges').map((r) => r.get('CidrIp') ?? ''),
  }));
  if (structured.length > 0) return structured;
  if (!params.has('IpProtocol')) return [];
  return [{ ipProtocol: params.get('IpProtocol')!, fromPort: intParam(params, 'FromPort'), toPort: intParam(params, 'ToPort'), cidrs: params.has('CidrIp') ? [params.get('CidrIp')!] : [] }];
}

const sameRule = (a: IngressRule, b: IngressRule) => a.ipProtocol === b.ipProtocol && a.fromPort === b.fromPort && a.toPort === b.toPort;

export const authorizeSecurityGroupIngress: Action = (ctx) => {
  const group = findGroup(ctx);
  const rules = rulesOf(ctx.params);
  for (const rule of rules) {
    const existing = group.ingress.find((r) => sameRule(r, rule));
    if (existing && rule.cidrs.some((c) => existing.cidrs.includes(c))) {
      throw new Ec2Error('InvalidPermission.Duplicate', `the specified rule "peer: ${rule.cidrs[0]}, ${rule.ipProtocol.toUpperCase()}, from port: ${rule.fromPort}, to port: ${rule.toPort}, ALLOW" already exists`);
    }
    if (existing) existing.cidrs.push(...rule.cidrs);
    else group.ingress.push({ ...rule, cidrs: [...rule.cidrs] });
  }
  return {
    return: true,
    securityGroupRuleSet: rules.flatMap((r) =>
      r.cidrs.map((cidr) => ({ securityGroupRuleId: ctx.store.newId('sgr'), groupId: group.id, groupOwnerId: group.ownerId, isEgress: false, ipProtocol: r.ipProtocol, fromPort: r.fromPort, toPort: r.toPort, cidrIpv4: cidr })),
    ),
  };
};

export const describeSecurityGroups: Action = ({ params, caller, store }) => {
  const ids = listParam(params, 'GroupId');
  const names = listParam(params, 'GroupName');
  const groups = store.list('security-group', caller.region);
  for (const id of ids) if (!groups.some((g) => g.id === id)) throw notFound('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
  const chosen = groups.filter((g) => (ids.length === 0 || ids.includes(g.id)) && (names.length === 0 || names.includes(g.name)));
  return {
    securityGroupInfo: applyFilters(chosen, filterParams(params), GROUP_FILTERS).map((g) => ({
      ownerId: g.ownerId,
      groupId: g.id,
      groupName: g.name,
      groupDescription: g.description,
      vpcId: g.vpcId,
      ipPermissions: g.ingress.map((r) => ({ ipProtocol: r.ipProtocol, fromPort: r.fromPort, toPort: r.toPort, ipRanges: r.cidrs.map((cidrIp) => ({ cidrIp })) })),
      ipPermissionsEgress: [],
      tagSet: tagSet(g.tags),
    })),
  };
};

export const deleteSecurityGroup: Action = (ctx) => {
  const group = findGroup(ctx);
  const user = ctx.store.list('instance', ctx.caller.region).find((i) => i.state !== 'terminated' && i.securityGroupIds.includes(group.id));
  if (user) throw new Ec2Error('DependencyViolation', `resource ${group.id} has a dependent object`);
  ctx.store.delete(group.id);
  return { return: true, groupId: group.id };
};
