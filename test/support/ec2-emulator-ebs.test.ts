// The EC2 emulator's actions for full amazon-ebs builds that Packer 1.6.6 does not call (newer Packer and tsbuild do),
// through the real AWS SDK for JavaScript v3: ImportKeyPair with the authorized keys file, image deprecation, the
// sharing attributes read back, launch templates and instant fleets, and the unreachable-instance fault.

import {
  CreateFleetCommand,
  CreateImageCommand,
  CreateLaunchTemplateCommand,
  DeleteLaunchTemplateCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  EnableImageDeprecationCommand,
  ImportKeyPairCommand,
  ModifyImageAttributeCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEc2Emulator, type Ec2Emulator } from './ec2-emulator/index.js';
import { generateKeyMaterial } from './ec2-emulator/ssh-keys.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let emu: Ec2Emulator;
let ec2: EC2Client;
let dir: string;
let source: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsbuild-ec2-keys-'));
  emu = await startEc2Emulator({ authorizedKeysFile: join(dir, 'authorized_keys'), delays: { instanceRunning: 10, imageAvailable: 10, snapshotCompleted: 10, instanceTerminated: 10 } });
  ec2 = new EC2Client({ region: 'us-east-1', endpoint: emu.endpoint, credentials: { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'secret' } });
  source = emu.seedImage({ name: 'base-image' }).id;
});
afterAll(async () => {
  ec2?.destroy();
  await emu?.close();
  rmSync(dir, { recursive: true, force: true });
});

const instance = async (id: string) => (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!.Instances![0]!;

describe('EC2 emulator: actions of full amazon-ebs builds', () => {
  it('ImportKeyPair takes an OpenSSH public key; launching with it appends the key to the authorized keys file', async () => {
    const { publicKey } = generateKeyMaterial('ed25519');
    const imported = await ec2.send(new ImportKeyPairCommand({ KeyName: 'mine', PublicKeyMaterial: Buffer.from(`${publicKey} me@host\n`) }));
    expect(imported.KeyFingerprint).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    await expect(ec2.send(new ImportKeyPairCommand({ KeyName: 'bad', PublicKeyMaterial: Buffer.from('not a key') }))).rejects.toThrow('Key is not in valid OpenSSH public key format');
    const run = await ec2.send(new RunInstancesCommand({ ImageId: source, MinCount: 1, MaxCount: 1, KeyName: 'mine', SubnetId: 'subnet-0emulator000000b' }));
    expect(readFileSync(join(dir, 'authorized_keys'), 'utf8')).toBe(`${publicKey} mine\n`);
    expect(run.Instances![0]!.Placement?.AvailabilityZone).toBe('us-east-1b');
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [run.Instances![0]!.InstanceId!] }));
  });

  it('lists the default subnets, one per zone', async () => {
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))).Subnets!;
    expect(subnets.map((s) => s.AvailabilityZone)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  });

  it('reads sharing back with DescribeImageAttribute, and deprecates an image at a minute', async () => {
    const run = await ec2.send(new RunInstancesCommand({ ImageId: source, MinCount: 1, MaxCount: 1 }));
    const id = run.Instances![0]!.InstanceId!;
    await expect.poll(async () => (await instance(id)).State?.Name).toBe('running');
    const { ImageId } = await ec2.send(new CreateImageCommand({ InstanceId: id, Name: 'deprecating' }));
    await ec2.send(new ModifyImageAttributeCommand({ ImageId, LaunchPermission: { Add: [{ UserId: '444455556666' }, { Group: 'all' }] } }));
    const permissions = await ec2.send(new DescribeImageAttributeCommand({ ImageId, Attribute: 'launchPermission' }));
    expect(permissions.LaunchPermissions).toEqual([{ Group: 'all' }, { UserId: '444455556666' }]);
    const at = new Date(Date.now() + 86_400_000 + 30_000);
    await ec2.send(new EnableImageDeprecationCommand({ ImageId, DeprecateAt: at }));
    const image = (await ec2.send(new DescribeImagesCommand({ ImageIds: [ImageId!] }))).Images![0]!;
    expect(image.DeprecationTime).toBe(new Date(at.getTime() - (at.getTime() % 60_000)).toISOString());
    await expect(ec2.send(new EnableImageDeprecationCommand({ ImageId, DeprecateAt: new Date(Date.now() - 60_000) }))).rejects.toThrow('cannot be in the past');
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
  });

  it('launches an instant fleet from a launch template, with the template\'s key and the override\'s instance type', async () => {
    await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'spot-lt', LaunchTemplateData: { ImageId: source, KeyName: 'mine', InstanceMarketOptions: { MarketType: 'spot' } } }));
    expect((await ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['spot-lt'] }))).LaunchTemplates!.map((t) => t.LatestVersionNumber)).toEqual([1]);
    const fleet = await ec2.send(
      new CreateFleetCommand({
        Type: 'instant',
        LaunchTemplateConfigs: [{ LaunchTemplateSpecification: { LaunchTemplateName: 'spot-lt', Version: '1' }, Overrides: [{ InstanceType: 't3.micro' }] }],
        TargetCapacitySpecification: { TotalTargetCapacity: 1, DefaultTargetCapacityType: 'spot' },
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'spot' }] }],
      }),
    );
    const [launched] = fleet.Instances!;
    expect([launched!.Lifecycle, launched!.InstanceType, launched!.InstanceIds?.length]).toEqual(['spot', 't3.micro', 1]);
    const described = await instance(launched!.InstanceIds![0]!);
    // EC2 tags an instance launched from a template (by a fleet) with the template and the fleet.
    expect([described.KeyName, described.Tags]).toEqual([
      'mine',
      [
        { Key: 'Name', Value: 'spot' },
        { Key: 'aws:ec2launchtemplate:id', Value: expect.stringMatching(/^lt-/) },
        { Key: 'aws:ec2launchtemplate:version', Value: '1' },
        { Key: 'aws:ec2:fleet-id', Value: expect.stringMatching(/^fleet-/) },
      ],
    ]);
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: launched!.InstanceIds }));
    await ec2.send(new DeleteLaunchTemplateCommand({ LaunchTemplateName: 'spot-lt' }));
    expect(emu.leftovers().filter((l) => l.startsWith('launch-template'))).toEqual([]);
  });

  it('makeUnreachable gives instances launched afterwards addresses nothing listens on; makeReachable undoes it', async () => {
    emu.makeUnreachable();
    const away = (await ec2.send(new RunInstancesCommand({ ImageId: source, MinCount: 1, MaxCount: 1 }))).Instances![0]!.InstanceId!;
    emu.makeReachable();
    const near = (await ec2.send(new RunInstancesCommand({ ImageId: source, MinCount: 1, MaxCount: 1 }))).Instances![0]!.InstanceId!;
    await expect.poll(async () => (await instance(away)).State?.Name).toBe('running');
    expect([(await instance(away)).PublicIpAddress, (await instance(away)).PrivateIpAddress]).toEqual(['127.0.0.4', '127.0.0.3']);
    expect((await instance(near)).PrivateIpAddress).toBe('127.0.0.1');
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [away, near] }));
  });
});
