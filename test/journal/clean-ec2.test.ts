// `tsbuild cleanup` of the EC2 resources a killed amazon-ebs run left, against the EC2 emulator with the real SDK:
// resources made through the SDK as the builder makes them, a journal written as the builder writes it (an
// instance killed before its ID was learnt included), then the CLI. Nothing is left, the output says what was
// removed, a second cleanup finds nothing; throttling is survived; refused credentials keep the records.

import {
  CreateImageCommand,
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  EC2Client,
  RunInstancesCommand,
  TerminateInstancesCommand,
  waitUntilInstanceRunning,
} from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findJournals, openJournal, type Journal } from '../../src/journal/journal.js';
import type { Ec2Access } from '../../src/providers/aws/journal-data.js';
import { runCli, startCli } from '../support/cli.js';
import { waitFor } from '../support/wait.js';
import { startEc2Emulator, type Ec2Emulator } from '../support/ec2-emulator/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const KEY = 'AKIDEMULATOR';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const REGION = 'us-east-1';

let emu: Ec2Emulator;
let ec2: EC2Client;
let sourceAmi: string;
const ROLE = 'arn:aws:iam::444455556666:role/builder';
beforeAll(async () => {
  emu = await startEc2Emulator({ keys: { [KEY]: { account: '111122223333' } }, roles: { [ROLE]: {} } });
  ec2 = new EC2Client({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: SECRET }, maxAttempts: 3 });
  sourceAmi = emu.seedImage({ name: 'base-1', isPublic: true }).id;
});
afterAll(async () => {
  ec2?.destroy();
  await emu?.close();
});
beforeEach(() => {
  emu.faults.clear();
  emu.setDelays({ instanceTerminated: 100 });
});

/** What the builder records of where a resource lives (journal-data.ts): keys are never recorded. */
const access = (over: Partial<Ec2Access> = {}): Ec2Access & Record<string, string> => ({ region: REGION, endpoint: emu.endpoint, profile: '', sharedCredentialsFile: '', roleArn: '', ...over });

/** The cleanup's environment: keys from the environment, as a CI job gives them; nothing of the test runner's AWS set-up. */
function cleanupEnv(state: string, over: Record<string, string> = {}): Record<string, string> {
  return { TSBUILD_STATE_DIR: state, AWS_ACCESS_KEY_ID: KEY, AWS_SECRET_ACCESS_KEY: SECRET, AWS_REGION: REGION, AWS_PROFILE: '', AWS_EC2_METADATA_DISABLED: 'true', ...over };
}

const cleanup = (state: string, env: Record<string, string> = {}) => runCli(['cleanup'], { cwd: state, env: cleanupEnv(state, env) });

/** A journal of a run that was killed: its header names a process that has exited. */
function killedRun(state: string, run: string): { journal: Journal; kill: () => void } {
  const journal = openJournal(join(state, 'journal'), run);
  return {
    journal,
    kill() {
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      const file = join(state, 'journal', `${run}.jsonl`);
      writeFileSync(file, readFileSync(file, 'utf8').replace(`"pid":${process.pid},`, `"pid":${dead},`));
    },
  };
}

/** Launches an instance as the builder does (with a client token); `extraVolume` is kept by termination. */
async function launch(token: string, o: { keyName?: string; groupId?: string; extraVolume?: boolean; client?: EC2Client } = {}) {
  const client = o.client ?? ec2;
  const run = await client.send(
    new RunInstancesCommand({
      ImageId: sourceAmi,
      InstanceType: 't2.micro',
      MinCount: 1,
      MaxCount: 1,
      ClientToken: token,
      KeyName: o.keyName,
      SecurityGroupIds: o.groupId ? [o.groupId] : undefined,
      BlockDeviceMappings: o.extraVolume ? [{ DeviceName: '/dev/sdb', Ebs: { VolumeSize: 4, DeleteOnTermination: false } }] : undefined,
    }),
  );
  const instance = run.Instances![0]!;
  await waitUntilInstanceRunning({ client, minDelay: 1, maxDelay: 1, maxWaitTime: 30 }, { InstanceIds: [instance.InstanceId!] });
  const kept = instance.BlockDeviceMappings?.find((m) => m.DeviceName === '/dev/sdb')?.Ebs?.VolumeId;
  return { id: instance.InstanceId!, keptVolume: kept };
}

/**
 * Makes what one amazon-ebs build makes (key pair, security group, instance with a kept volume, AMI in progress)
 * and journals it as the builder does, each record written before its resource exists; the instance's ID and
 * volumes are added once known, the AMI's ID never was (killed while CreateImage ran).
 */
async function killedBuild(j: Journal, name: string) {
  const build = `amazon-ebs.${name}`;
  const keyName = `packer_${randomUUID()}`;
  j.record('ec2-key-pair', build, `key pair ${keyName}`, { ...access(), name: keyName });
  await ec2.send(new CreateKeyPairCommand({ KeyName: keyName }));
  const groupName = `packer_${randomUUID()}`;
  const sgRecord = j.record('ec2-security-group', build, `security group ${groupName}`, { ...access(), name: groupName, vpcId: '' });
  const group = await ec2.send(new CreateSecurityGroupCommand({ GroupName: groupName, Description: 'Temporary group for Packer' }));
  j.update(sgRecord, { id: group.GroupId! });
  const token = randomUUID();
  const instanceRecord = j.record('ec2-instance', build, `instance of ${build}`, { ...access(), clientToken: token });
  const instance = await launch(token, { keyName, groupId: group.GroupId!, extraVolume: true });
  j.update(instanceRecord, { id: instance.id, volumeIds: instance.keptVolume! });
  const amiName = `${name}-${Date.now()}`;
  j.record('ec2-image', build, `AMI ${amiName}`, { ...access(), name: amiName });
  await ec2.send(new CreateImageCommand({ InstanceId: instance.id, Name: amiName }));
  return { keyName, groupName, amiName, instance };
}

describe('tsbuild cleanup of EC2 resources', () => {
  it('deletes what a killed amazon-ebs run left, an instance known only by its client token included, and says so; a second cleanup finds nothing', async () => {
    const state = mkdtempSync(join(tmpdir(), 'tsbuild-clean-ec2-'));
    const { journal, kill } = killedRun(state, 'run-ebs');
    const made = await killedBuild(journal, 'a');
    // Another build of the run was killed while RunInstances ran: the instance exists, its ID and its kept volume
    // were never written down.
    const token = randomUUID();
    journal.record('ec2-instance', 'amazon-ebs.b', 'instance of amazon-ebs.b', { ...access(), clientToken: token });
    await launch(token, { extraVolume: true });
    kill();
    expect(emu.leftovers().length).toBeGreaterThan(5);

    const r = await cleanup(state);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(emu.leftovers()).toEqual([]);
    for (const what of ['instance of amazon-ebs.b', `AMI ${made.amiName}`, 'instance of amazon-ebs.a', `security group ${made.groupName}`, `key pair ${made.keyName}`]) {
      expect(r.stdout).toContain(`Removed ${what} (build amazon-ebs.`);
    }
    expect(findJournals(join(state, 'journal'))).toEqual([]);

    const again = await cleanup(state);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to clean up');
  });

  it('says "already gone" for records whose resources were deleted, and deletes a kept volume of a terminated instance', async () => {
    const state = mkdtempSync(join(tmpdir(), 'tsbuild-clean-ec2-'));
    const { journal, kill } = killedRun(state, 'run-gone');
    const instance = await launch(randomUUID(), { extraVolume: true });
    // The build's own cleanup terminated the instance, and was killed before it deleted the kept volume.
    journal.record('ec2-instance', 'amazon-ebs.c', 'instance of amazon-ebs.c', { ...access(), clientToken: 'x', id: instance.id, volumeIds: instance.keptVolume! });
    journal.record('ec2-key-pair', 'amazon-ebs.c', 'key pair never-made', { ...access(), name: 'never-made' });
    journal.record('ec2-security-group', 'amazon-ebs.c', 'security group never-made', { ...access(), name: 'never-made', vpcId: '' });
    journal.record('ec2-image', 'amazon-ebs.c', 'AMI never-made', { ...access(), name: 'never-made' });
    journal.record('ec2-instance', 'amazon-ebs.c', 'instance never-made', { ...access(), clientToken: randomUUID() });
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance.id] }));
    kill();
    const r = await cleanup(state);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const what of ['key pair never-made', 'security group never-made', 'AMI never-made', 'instance never-made']) expect(r.stdout).toContain(`Already gone: ${what} (`);
    expect(r.stdout).toContain('Removed instance of amazon-ebs.c (');
    expect(emu.leftovers()).toEqual([]);
  });

  it('waits for an instance that is still terminating to let go of its security group', async () => {
    const state = mkdtempSync(join(tmpdir(), 'tsbuild-clean-ec2-'));
    const { journal, kill } = killedRun(state, 'run-sg');
    const name = `packer_${randomUUID()}`;
    const group = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: 'Temporary group for Packer' }));
    journal.record('ec2-security-group', 'amazon-ebs.d', `security group ${name}`, { ...access(), name, vpcId: 'vpc-0emulator00000000', id: '' });
    const instance = await launch(randomUUID(), { groupId: group.GroupId! });
    // The build's cleanup started terminating the instance (and crossed it out), then the run was killed. The
    // instance stays shutting-down until the cleanup has found the group in use.
    emu.setDelays({ instanceTerminated: 600_000 });
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance.id] }));
    kill();
    const running = startCli(['cleanup'], { cwd: state, env: cleanupEnv(state) });
    await waitFor(() => emu.calls.some((c) => c.action === 'DeleteSecurityGroup' && c.errorCode === 'DependencyViolation'), {
      what: 'tsbuild cleanup to find the security group in use',
      timeoutMs: 60_000,
    }).catch((e: Error) => {
      running.kill();
      throw new Error(`${e.message}; it printed:\n${running.output()}`);
    });
    emu.finishStateChanges();
    const r = await running.exited;
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`Removed security group ${name} (`);
    expect(emu.calls.filter((c) => c.action === 'DeleteSecurityGroup' && c.errorCode === 'DependencyViolation').length).toBeGreaterThan(0);
    expect(emu.leftovers()).toEqual([]);
  });

  it('survives throttling (RequestLimitExceeded) with the SDK\'s retries', async () => {
    const state = mkdtempSync(join(tmpdir(), 'tsbuild-clean-ec2-'));
    const { journal, kill } = killedRun(state, 'run-throttled');
    const made = await killedBuild(journal, 'e');
    kill();
    emu.faults.add({ error: 'RequestLimitExceeded', times: 3 });
    const r = await cleanup(state);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(emu.faults.pending()).toBe(0);
    expect(r.stdout).toContain(`Removed AMI ${made.amiName} (`);
    expect(emu.leftovers()).toEqual([]);
  });

  it('finds credentials in the profile and shared credentials file the template named', async () => {
    const state = mkdtempSync(join(tmpdir(), 'tsbuild-clean-ec2-'));
    const credentials = join(state, 'credentials');
    writeFileSync(credentials, `[builder]\naws_access_key_id = ${KEY}\naws_secret_access_key = ${SECRET}\n`);
    const { journal, kill } = killedRun(state, 'run-profile');
    const name = `packer_${randomUUID()}`;
    journal.record('ec2-key-pair', 'amazon-ebs.f', `key pair ${name}`, { ...access({ profile: 'builder', sharedCredentialsFile: credentials }), name });
    await ec2.send(new CreateKeyPairCommand({ KeyName: name }));
    kill();
    const r = await cleanup(state, { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`Removed key pair ${name} (`);
    expect(emu.leftovers()).toEqual([]);
  });

  it('assumes the role the template named, with the credentials of the environment', async () => {
    const state = mkdtempSync(join(tmpdir(), 'tsbuild-clean-ec2-'));
    const sts = new STSClient({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: SECRET } });
    const c = (await sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'build' }))).Credentials!;
    const asRole = new EC2Client({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken } });
    const { journal, kill } = killedRun(state, 'run-role');
    const token = randomUUID();
    journal.record('ec2-instance', 'amazon-ebs.r', 'instance of amazon-ebs.r', { ...access({ roleArn: ROLE }), clientToken: token });
    // In the role's account: the environment's own account does not see it.
    await launch(token, { client: asRole });
    kill();
    const r = await cleanup(state, { AWS_ENDPOINT_URL_STS: emu.endpoint });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Removed instance of amazon-ebs.r (');
    expect(emu.identity.sessions.at(-1)).toMatchObject({ roleArn: ROLE });
    expect(emu.leftovers()).toEqual([]);
    for (const x of [sts, asRole]) x.destroy();
  });

  it('says clearly when EC2 refuses the credentials, exits 1 without showing them, and keeps the records for a later try', async () => {
    const state = mkdtempSync(join(tmpdir(), 'tsbuild-clean-ec2-'));
    const { journal, kill } = killedRun(state, 'run-badkeys');
    const name = `packer_${randomUUID()}`;
    journal.record('ec2-key-pair', 'amazon-ebs.g', `key pair ${name}`, { ...access(), name });
    await ec2.send(new CreateKeyPairCommand({ KeyName: name }));
    kill();
    const wrongSecret = 'not-the-secret-0123456789';
    const r = await cleanup(state, { AWS_ACCESS_KEY_ID: 'AKIDWRONG', AWS_SECRET_ACCESS_KEY: wrongSecret });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Could not remove key pair ${name} (build amazon-ebs.g, run run-badkeys): AuthFailure: AWS was not able to validate the provided access credentials`);
    expect(r.stdout).toContain('keys a template gave are not kept: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    expect(r.stdout).toContain(`To delete it by hand: aws ec2 delete-key-pair --key-name ${name} --region ${REGION} --endpoint-url ${emu.endpoint}`);
    expect(r.stdout + r.stderr).not.toContain(wrongSecret);
    expect(findJournals(join(state, 'journal'))[0]!.outstanding.map((o) => o.description)).toEqual([`key pair ${name}`]);

    const none = await cleanup(state, { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('No valid credential sources found');
    expect(none.stdout).toContain('set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) for it');

    const later = await cleanup(state);
    expect(later.code, later.stdout).toBe(0);
    expect(later.stdout).toContain(`Removed key pair ${name} (`);
    expect(emu.leftovers()).toEqual([]);
  });

  it('loads the AWS SDK only when a journal lists an EC2 resource', async () => {
    const state = mkdtempSync(join(tmpdir(), 'tsbuild-clean-ec2-'));
    // Reports every AWS SDK module the process loads, on stderr.
    const trace = join(state, 'trace.cjs');
    writeFileSync(trace, "const M = require('module'); const load = M._load; M._load = function (r, ...a) { if (r.startsWith('@aws-sdk/')) process.stderr.write('loaded ' + r + '\\n'); return load.call(this, r, ...a); };\n");
    const env = { NODE_OPTIONS: `--require ${trace}` };
    const folders = killedRun(state, 'run-folder');
    folders.journal.record('temp-dir', '(run)', 'temporary folder', { path: join(state, 'gone') });
    folders.kill();
    const plain = await cleanup(state, env);
    expect(plain.code, plain.stdout).toBe(0);
    expect(plain.stderr).not.toContain('loaded @aws-sdk/');

    const ec2Run = killedRun(state, 'run-key');
    ec2Run.journal.record('ec2-key-pair', 'amazon-ebs.h', 'key pair never-made-h', { ...access(), name: 'never-made-h' });
    ec2Run.kill();
    const used = await cleanup(state, env);
    expect(used.code, used.stdout).toBe(0);
    expect(used.stderr).toContain('loaded @aws-sdk/client-ec2');
  });
});
