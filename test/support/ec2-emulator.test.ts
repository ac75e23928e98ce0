// The EC2 emulator's protocol, through the real AWS SDK for JavaScript v3 over loopback (and, for DescribeImages and
// the resources amazon-ebs makes, through Packer 1.6.6's Go SDK v1): answers, filters, pagination, errors, faults,
// state changes and what is left.

import {
  CreateImageCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteKeyPairCommand,
  DeleteSecurityGroupCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeAvailabilityZonesCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeSnapshotsCommand,
  DescribeTagsCommand,
  EC2Client,
  paginateDescribeImages,
  RunInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  waitUntilImageAvailable,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  waitUntilInstanceTerminated,
  type Filter,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEc2Emulator, type Ec2Emulator } from './ec2-emulator/index.js';
import { needs, packer } from './needs.js';
import { PACKER } from './packer-console.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const KEY = 'AKIDEMULATOR';
const ACCOUNT = '111122223333';
const CANONICAL = '099720109477';

let emu: Ec2Emulator;
let ec2: EC2Client;
const client = (o: { key?: string; maxAttempts?: number; region?: string } = {}) =>
  new EC2Client({ region: o.region ?? 'us-east-1', endpoint: emu.endpoint, credentials: { accessKeyId: o.key ?? KEY, secretAccessKey: 'secret' }, maxAttempts: o.maxAttempts ?? 3 });
const ids: Record<string, string> = {};

beforeAll(async () => {
  emu = await startEc2Emulator({ keys: { [KEY]: { account: ACCOUNT } }, roles: { 'arn:aws:iam::444455556666:role/builder': { externalId: 'ext' } } });
  ec2 = client();
  ids.jammy1 = emu.seedImage({ name: 'ubuntu/images/ubuntu-jammy-22.04-amd64-server-20240101', ownerId: CANONICAL, isPublic: true, tags: { os: 'ubuntu', stage: 'old' } }).id;
  ids.jammy2 = emu.seedImage({ name: 'ubuntu/images/ubuntu-jammy-22.04-amd64-server-20240301', ownerId: CANONICAL, isPublic: true, tags: { os: 'ubuntu' } }).id;
  ids.arm = emu.seedImage({ name: 'ubuntu/images/ubuntu-jammy-22.04-arm64-server-20240301', ownerId: CANONICAL, isPublic: true, architecture: 'arm64' }).id;
  ids.star = emu.seedImage({ name: 'literal*star', ownerId: CANONICAL, isPublic: true }).id;
  ids.al = emu.seedImage({ name: 'al2023-ami-2023.4-x86_64', ownerId: '137112412989', ownerAlias: 'amazon', isPublic: true }).id;
  ids.mine = emu.seedImage({ name: 'golden-1', tags: { team: 'infra' } }).id;
  ids.hidden = emu.seedImage({ name: 'someone-elses-private', ownerId: '999988887777' }).id;
  ids.shared = emu.seedImage({ name: 'shared-with-me', ownerId: '999988887777', launchPermissions: [ACCOUNT] }).id;
  ids.deprecated = emu.seedImage({ name: 'ubuntu/images/ubuntu-focal-20.04-amd64-server-2020', ownerId: CANONICAL, isPublic: true, deprecationTime: '2023-01-01T00:00:00.000Z' }).id;
});
afterAll(async () => {
  ec2?.destroy();
  await emu?.close();
});
beforeEach(() => emu.faults.clear());

const find = async (input: { Owners?: string[]; Filters?: Filter[]; ImageIds?: string[]; IncludeDeprecated?: boolean; ExecutableUsers?: string[] }) =>
  ((await ec2.send(new DescribeImagesCommand(input))).Images ?? []).map((i) => i.ImageId).sort();
const sorted = (...names: string[]) => names.map((n) => ids[n]!).sort();

describe('DescribeImages', () => {
  it('matches filter values with EC2 wildcards (* and ?, backslash escapes), ORs values and ANDs filters', async () => {
    expect(await find({ Filters: [{ Name: 'name', Values: ['ubuntu/images/*-jammy-22.04-amd64-server-*'] }] })).toEqual(sorted('jammy1', 'jammy2'));
    expect(await find({ Filters: [{ Name: 'name', Values: ['ubuntu/images/ubuntu-jammy-22.04-amd64-server-2024??301'] }] })).toEqual([]);
    expect(await find({ Filters: [{ Name: 'name', Values: ['ubuntu/images/ubuntu-jammy-22.04-amd64-server-20240?01'] }] })).toEqual(sorted('jammy1', 'jammy2'));
    expect(await find({ Filters: [{ Name: 'name', Values: ['literal\\*star'] }] })).toEqual(sorted('star'));
    expect(await find({ Filters: [{ Name: 'name', Values: ['literal\\*s'] }] })).toEqual([]);
    expect(await find({ Filters: [{ Name: 'name', Values: ['golden-*', 'al2023-*'] }] })).toEqual(sorted('mine', 'al'));
    expect(await find({ Filters: [{ Name: 'name', Values: ['ubuntu/*'] }, { Name: 'architecture', Values: ['arm64'] }] })).toEqual(sorted('arm'));
    expect(await find({ Filters: [{ Name: 'name', Values: ['UBUNTU/*'] }] })).toEqual([]);
  });

  it('filters on tags (tag:<key>, tag-key) and other attributes', async () => {
    expect(await find({ Filters: [{ Name: 'tag:os', Values: ['ubuntu'] }] })).toEqual(sorted('jammy1', 'jammy2'));
    expect(await find({ Filters: [{ Name: 'tag-key', Values: ['stage', 'team'] }] })).toEqual(sorted('jammy1', 'mine'));
    expect(await find({ Filters: [{ Name: 'is-public', Values: ['false'] }] })).toEqual(sorted('mine', 'shared'));
    expect(await find({ Filters: [{ Name: 'root-device-type', Values: ['ebs'] }, { Name: 'owner-alias', Values: ['amazon'] }] })).toEqual(sorted('al'));
  });

  it('takes owners as account IDs and the aliases self and amazon; without owners, lists what the caller may see', async () => {
    expect(await find({ Owners: ['self'] })).toEqual(sorted('mine'));
    expect(await find({ Owners: ['amazon'] })).toEqual(sorted('al'));
    expect(await find({ Owners: [CANONICAL, 'self'], Filters: [{ Name: 'name', Values: ['*jammy*amd64*', 'golden-*'] }] })).toEqual(sorted('jammy1', 'jammy2', 'mine'));
    const all = await find({});
    expect(all).toContain(ids.shared);
    expect(all).not.toContain(ids.hidden);
    expect(await find({ ExecutableUsers: ['self'] })).toEqual(sorted('mine', 'shared'));
  });

  it('leaves deprecated images out unless IncludeDeprecated', async () => {
    expect(await find({ Owners: [CANONICAL], Filters: [{ Name: 'name', Values: ['*focal*'] }] })).toEqual([]);
    expect(await find({ Owners: [CANONICAL], Filters: [{ Name: 'name', Values: ['*focal*'] }], IncludeDeprecated: true })).toEqual(sorted('deprecated'));
  });

  it('finds images by ID, and answers an unknown or malformed ID, an unknown filter and bad paging with EC2 errors', async () => {
    expect(await find({ ImageIds: [ids.mine!, ids.al!] })).toEqual(sorted('mine', 'al'));
    const error = (input: object) => ec2.send(new DescribeImagesCommand(input)).then(() => undefined, (e: Error & { $metadata: { httpStatusCode: number } }) => [e.name, e.message, e.$metadata.httpStatusCode]);
    expect(await error({ ImageIds: ['ami-12345678'] })).toEqual(['InvalidAMIID.NotFound', "The image id '[ami-12345678]' does not exist", 400]);
    expect(await error({ ImageIds: [ids.hidden] })).toEqual(['InvalidAMIID.NotFound', `The image id '[${ids.hidden}]' does not exist`, 400]);
    expect(await error({ ImageIds: ['ubuntu'] })).toEqual(['InvalidAMIID.Malformed', 'Invalid id: "ubuntu" (expecting "ami-...")', 400]);
    expect(await error({ Filters: [{ Name: 'nmae', Values: ['x'] }] })).toEqual(['InvalidParameterValue', "The filter 'nmae' is invalid", 400]);
    expect(await error({ MaxResults: 3 })).toEqual(['InvalidParameterValue', 'Value ( 3 ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.', 400]);
    expect(await error({ MaxResults: 5, ImageIds: [ids.mine] })).toEqual(['InvalidParameterCombination', 'The parameter imageIdsSet cannot be used with the parameter maxResults', 400]);
    expect(await error({ NextToken: 'bogus' })).toEqual(['InvalidPaginationToken', 'The specified pagination token is not valid or is expired.', 400]);
  });

  it('pages with MaxResults and NextToken; without MaxResults everything comes at once', async () => {
    const first = await ec2.send(new DescribeImagesCommand({ MaxResults: 5 }));
    expect(first.Images).toHaveLength(5);
    expect(first.NextToken).toBeTruthy();
    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of paginateDescribeImages({ client: ec2, pageSize: 5 }, {})) {
      pages.push(page.Images!.length);
      seen.push(...page.Images!.map((i) => i.ImageId!));
    }
    const all = await ec2.send(new DescribeImagesCommand({}));
    expect(all.NextToken).toBeUndefined();
    expect(seen.sort()).toEqual(all.Images!.map((i) => i.ImageId!).sort());
    expect(pages).toEqual([5, 2]);
  });
});

describe('regions, zones and authentication', () => {
  it('lists the regions it was started with and three zones in the caller\'s region', async () => {
    const regions = await ec2.send(new DescribeRegionsCommand({}));
    expect(regions.Regions!.map((r) => [r.RegionName, r.Endpoint])).toEqual([
      ['us-east-1', 'ec2.us-east-1.amazonaws.com'],
      ['us-west-2', 'ec2.us-west-2.amazonaws.com'],
      ['eu-west-1', 'ec2.eu-west-1.amazonaws.com'],
    ]);
    const west = client({ region: 'us-west-2' });
    const zones = await west.send(new DescribeAvailabilityZonesCommand({}));
    expect(zones.AvailabilityZones!.map((z) => [z.ZoneName, z.ZoneId, z.State])).toEqual([
      ['us-west-2a', 'usw2-az1', 'available'],
      ['us-west-2b', 'usw2-az2', 'available'],
      ['us-west-2c', 'usw2-az3', 'available'],
    ]);
    // Images belong to a region: the seeded ones are in us-east-1.
    expect((await west.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images).toEqual([]);
    west.destroy();
  });

  it('refuses an unknown access key with AuthFailure (401), and an unsigned request, in EC2\'s error document', async () => {
    const stranger = client({ key: 'AKIDUNKNOWN', maxAttempts: 1 });
    const e = await stranger.send(new DescribeImagesCommand({})).catch((x: Error & { $metadata: { httpStatusCode: number } }) => x);
    expect([(e as Error).name, (e as Error).message, (e as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode]).toEqual([
      'AuthFailure',
      'AWS was not able to validate the provided access credentials',
      401,
    ]);
    stranger.destroy();
    const raw = await fetch(emu.endpoint, { method: 'POST', body: new URLSearchParams({ Action: 'DescribeImages', Version: '2016-11-15' }) });
    expect(raw.status).toBe(401);
    expect(await raw.text()).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Response><Errors><Error><Code>MissingAuthenticationToken<\/Code><Message>Request is missing Authentication Token<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/,
    );
  });

  it('answers STS GetCallerIdentity and AssumeRole; the temporary key then works for EC2', async () => {
    const sts = new STSClient({ region: 'us-east-1', endpoint: emu.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 's' } });
    expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/tester` });
    const denied = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/builder', RoleSessionName: 's', ExternalId: 'wrong' })).catch((e: Error) => e);
    expect([(denied as Error).name, (denied as Error).message]).toEqual([
      'AccessDenied',
      `User: arn:aws:iam::${ACCOUNT}:user/tester is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/builder`,
    ]);
    const role = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/builder', RoleSessionName: 'build-1', ExternalId: 'ext' }));
    const c = role.Credentials!;
    const asRole = new EC2Client({ region: 'us-east-1', endpoint: emu.endpoint, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken } });
    expect((await asRole.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images).toEqual([]);
    const withoutToken = new EC2Client({ region: 'us-east-1', endpoint: emu.endpoint, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey! }, maxAttempts: 1 });
    await expect(withoutToken.send(new DescribeImagesCommand({}))).rejects.toThrow('AWS was not able to validate the provided access credentials');
    expect(emu.identity.sessions.at(-1)).toMatchObject({ roleArn: 'arn:aws:iam::444455556666:role/builder', sessionName: 'build-1', externalId: 'ext', durationSeconds: 3600 });
    for (const x of [sts, asRole, withoutToken]) x.destroy();
  });
});

describe('fault injection', () => {
  it('throttles with RequestLimitExceeded (503) as often as told; the SDK\'s retries get through', async () => {
    emu.faults.add({ action: 'DescribeImages', error: 'RequestLimitExceeded', times: 2 });
    const out = await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }));
    expect(out.Images!.map((i) => i.ImageId)).toEqual([ids.mine]);
    expect(out.$metadata.attempts).toBe(3);
    const codes = emu.calls.slice(-3).map((c) => [c.action, c.status, c.errorCode]);
    expect(codes).toEqual([
      ['DescribeImages', 503, 'RequestLimitExceeded'],
      ['DescribeImages', 503, 'RequestLimitExceeded'],
      ['DescribeImages', 200, undefined],
    ]);
  });

  it('fails when there are more faults than attempts, and injects 5xx after letting calls through', async () => {
    emu.faults.add({ action: 'DescribeRegions', error: 'RequestLimitExceeded', times: 2 });
    const once = client({ maxAttempts: 2 });
    const e = await once.send(new DescribeRegionsCommand({})).catch((x: Error & { $metadata: { httpStatusCode: number; attempts: number } }) => x);
    expect([(e as Error).name, (e as Error).message, (e as { $metadata: { httpStatusCode: number; attempts: number } }).$metadata]).toMatchObject([
      'RequestLimitExceeded',
      'Request limit exceeded.',
      { httpStatusCode: 503, attempts: 2 },
    ]);
    once.destroy();
    emu.faults.add({ error: 'InternalError', skip: 1 });
    await ec2.send(new DescribeRegionsCommand({}));
    const after = await ec2.send(new DescribeRegionsCommand({}));
    expect(after.$metadata.attempts).toBe(2);
    expect(emu.calls.slice(-2).map((c) => c.status)).toEqual([500, 200]);
  });
});

describe('resources and their states', () => {
  it('runs an instance (pending -> running), stops it, images it (pending -> available), and leaves nothing once all is deleted', async () => {
    emu.setDelays({ instanceRunning: 300 });
    const key = await ec2.send(new CreateKeyPairCommand({ KeyName: 'tmp-key', KeyType: 'ed25519', TagSpecifications: [{ ResourceType: 'key-pair', Tags: [{ Key: 'run', Value: '1' }] }] }));
    expect(key.KeyMaterial).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
    const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'tmp-sg', Description: 'temporary' }));
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: ids.jammy2,
        InstanceType: 't2.micro',
        MinCount: 1,
        MaxCount: 1,
        KeyName: 'tmp-key',
        SecurityGroupIds: [sg.GroupId!],
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'builder' }] }],
      }),
    );
    const instanceId = run.Instances![0]!.InstanceId!;
    expect(run.Instances![0]!.State).toEqual({ Code: 0, Name: 'pending' });
    const waiter = { client: ec2, minDelay: 1, maxDelay: 1, maxWaitTime: 30 };
    await waitUntilInstanceRunning(waiter, { InstanceIds: [instanceId] });
    const described = (await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: ['builder'] }] }))).Reservations![0]!.Instances![0]!;
    expect([described.InstanceId, described.State?.Name, described.PublicIpAddress, described.KeyName, described.SecurityGroups?.[0]?.GroupName]).toEqual([instanceId, 'running', '127.0.0.1', 'tmp-key', 'tmp-sg']);
    await expect(ec2.send(new DeleteSecurityGroupCommand({ GroupId: sg.GroupId }))).rejects.toThrow(`resource ${sg.GroupId} has a dependent object`);

    await ec2.send(new StopInstancesCommand({ InstanceIds: [instanceId] }));
    await waitUntilInstanceStopped(waiter, { InstanceIds: [instanceId] });
    const image = await ec2.send(new CreateImageCommand({ InstanceId: instanceId, Name: 'built-1', TagSpecifications: [{ ResourceType: 'image', Tags: [{ Key: 'built', Value: 'yes' }] }] }));
    await waitUntilImageAvailable(waiter, { ImageIds: [image.ImageId!] });
    const snaps = (await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }))).Snapshots!.filter((s) => s.Description?.includes(image.ImageId!));
    expect(snaps).toHaveLength(1);
    await ec2.send(new CreateTagsCommand({ Resources: [image.ImageId!, snaps[0]!.SnapshotId!], Tags: [{ Key: 'extra', Value: 'v' }] }));
    const tags = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['extra', 'built'] }] }));
    expect(tags.Tags!.map((t) => [t.ResourceId, t.ResourceType, t.Key]).sort()).toEqual(
      [[image.ImageId, 'image', 'built'], [image.ImageId, 'image', 'extra'], [snaps[0]!.SnapshotId, 'snapshot', 'extra']].sort(),
    );
    await expect(ec2.send(new DeleteSnapshotCommand({ SnapshotId: snaps[0]!.SnapshotId }))).rejects.toThrow(`is currently in use by ${image.ImageId}`);
    expect(emu.leftovers().length).toBeGreaterThan(0);

    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }));
    await waitUntilInstanceTerminated(waiter, { InstanceIds: [instanceId] });
    await ec2.send(new DeregisterImageCommand({ ImageId: image.ImageId }));
    await ec2.send(new DeleteSnapshotCommand({ SnapshotId: snaps[0]!.SnapshotId }));
    await ec2.send(new DeleteSecurityGroupCommand({ GroupId: sg.GroupId }));
    await ec2.send(new DeleteKeyPairCommand({ KeyName: 'tmp-key' }));
    expect(emu.leftovers()).toEqual([]);
  });

  it('launches once per ClientToken: the same token answers the same instance, found by the client-token filter', async () => {
    const launch = (token: string, instanceType: _InstanceType = 't2.micro') => ec2.send(new RunInstancesCommand({ ImageId: ids.jammy2, InstanceType: instanceType, MinCount: 1, MaxCount: 1, ClientToken: token }));
    const first = (await launch('token-1')).Instances![0]!;
    const again = (await launch('token-1')).Instances![0]!;
    expect(again.InstanceId).toBe(first.InstanceId);
    const other = (await launch('token-2')).Instances![0]!;
    expect(other.InstanceId).not.toBe(first.InstanceId);
    await expect(launch('token-1', 't3.micro')).rejects.toThrow('Arguments on this idempotent request are inconsistent with arguments used in previous request(s).');
    const byToken = await ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'client-token', Values: ['token-1'] }] }));
    expect(byToken.Reservations!.flatMap((r) => r.Instances!.map((i) => [i.InstanceId, i.ClientToken]))).toEqual([[first.InstanceId, 'token-1']]);
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [first.InstanceId!, other.InstanceId!] }));
    await waitUntilInstanceTerminated({ client: ec2, minDelay: 1, maxDelay: 1, maxWaitTime: 30 }, { InstanceIds: [first.InstanceId!, other.InstanceId!] });
    expect((await launch('token-1')).Instances![0]).toMatchObject({ InstanceId: first.InstanceId, State: { Name: 'terminated' } });
    expect(emu.leftovers()).toEqual([]);
  });
});

needs(packer).describe('Packer 1.6.6 (the Go SDK v1) against the emulator', () => {
  it('amazon-ebs source_ami_filter finds the newest image, makes a key pair and a security group; an unknown instance type stops it and nothing is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-packer-ec2-'));
    const template = {
      builders: [
        {
          type: 'amazon-ebs',
          region: 'us-east-1',
          access_key: KEY,
          secret_key: 'secret',
          custom_endpoint_ec2: emu.endpoint,
          instance_type: 't9.nano',
          ssh_username: 'ubuntu',
          ami_name: 'packer-emulated-{{timestamp}}',
          source_ami_filter: { filters: { name: 'ubuntu/images/*ubuntu-jammy-22.04-amd64-server-*', 'root-device-type': 'ebs' }, owners: [CANONICAL], most_recent: true },
        },
      ],
    };
    writeFileSync(join(dir, 't.json'), JSON.stringify(template));
    const out = await new Promise<{ code: number | null; text: string }>((done) => {
      const child = spawn(PACKER!, ['build', '-color=false', 't.json'], { cwd: dir, env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.stderr.on('data', (d) => (text += d));
      child.on('close', (code) => done({ code, text }));
    });
    expect(out.text).toContain(`amazon-ebs: Found Image ID: ${ids.jammy2}`);
    expect(out.text).toContain('InvalidParameterValue: The following supplied instance types do not exist: [t9.nano]');
    expect(out.code).toBe(1);
    const made = emu.calls.filter((c) => c.status === 200).map((c) => c.action);
    expect(made).toEqual(expect.arrayContaining(['CreateKeyPair', 'CreateSecurityGroup', 'AuthorizeSecurityGroupIngress', 'DeleteSecurityGroup', 'DeleteKeyPair']));
    expect(emu.leftovers()).toEqual([]);
  }, 120_000);
});
