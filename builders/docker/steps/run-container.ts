import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import type { Step } from '../../../src/engine/steps.js';
import { Value } from '../../../src/value/value.js';
import type { DockerConfig } from '../config.js';
import { parseRunCommand, type RunSpec } from '../run-command.js';
import type { DockerState } from '../state.js';

/** Containers made by tsbuild are named `tsbuild-<build>-<random>`: easy to find, and no label ends up in the image. */
export const CONTAINER_PREFIX = 'tsbuild-';

function containerName(buildName: string): string {
  const safe = buildName.replace(/[^a-zA-Z0-9_.-]+/g, '-').replace(/^[^a-zA-Z0-9]+/, '');
  return `${CONTAINER_PREFIX}${safe}-${randomBytes(4).toString('hex')}`;
}

/** `host[:container[:permissions]]`, as `docker run --device`. */
function deviceMapping(spec: string): Dockerode.DeviceMapping {
  const [host, container, perms] = spec.split(':');
  return { PathOnHost: host!, PathInContainer: container || host!, CgroupPermissions: perms || 'rwm' };
}

/** `path[:options]`, as `docker run --tmpfs`. */
function tmpfsMounts(specs: string[]): Record<string, string> {
  return Object.fromEntries(specs.map((t) => [t.split(':')[0]!, t.includes(':') ? t.slice(t.indexOf(':') + 1) : '']));
}

/** The builder's own arguments, as `docker run` flags, in Packer's order (for the "Run command" line). */
function binds(config: DockerConfig, tempDir: string): string[] {
  const out = Object.entries(config.volumes ?? {}).map(([host, guest]) => `${host.startsWith('~/') ? join(homedir(), host.slice(2)) : host}:${guest}`);
  out.push(`${tempDir}:${config.container_dir}`);
  return out;
}

function createOptions(config: DockerConfig, spec: RunSpec, tempDir: string, name: string): Dockerode.ContainerCreateOptions {
  return {
    name: spec.name ?? name,
    platform: spec.platform ?? config.platform,
    Image: spec.image,
    Entrypoint: spec.entrypoint,
    Cmd: spec.cmd.length > 0 ? spec.cmd : undefined,
    Tty: spec.tty,
    OpenStdin: spec.openStdin,
    Env: spec.env.length > 0 ? spec.env : undefined,
    User: spec.user,
    WorkingDir: spec.workdir,
    Hostname: spec.hostname,
    Labels: spec.labels,
    HostConfig: {
      Binds: [...binds(config, tempDir), ...spec.binds],
      Privileged: spec.privileged || config.privileged === true,
      CapAdd: [...(config.cap_add ?? []), ...spec.capAdd],
      CapDrop: [...(config.cap_drop ?? []), ...spec.capDrop],
      Devices: [...(config.device ?? []), ...spec.devices].map(deviceMapping),
      Tmpfs: tmpfsMounts([...(config.tmpfs ?? []), ...spec.tmpfs]),
      NetworkMode: spec.networkMode,
      Memory: spec.memory,
      ShmSize: spec.shmSize,
      ExtraHosts: spec.extraHosts,
      Dns: spec.dns,
      SecurityOpt: spec.securityOpt,
      Init: spec.init,
      ReadonlyRootfs: spec.readOnly,
      Runtime: spec.runtime ?? config.runtime,
    },
  };
}

/** The equivalent `docker run` command, shown as Packer shows the one it runs. */
function displayCommand(config: DockerConfig, tempDir: string, image: string): string {
  const args: string[] = [];
  for (const d of config.device ?? []) args.push('--device', d);
  for (const c of config.cap_add ?? []) args.push('--cap-add', c);
  for (const c of config.cap_drop ?? []) args.push('--cap-drop', c);
  if (config.privileged) args.push('--privileged');
  if (config.runtime) args.push('--runtime', config.runtime);
  if (config.platform) args.push('--platform', config.platform);
  for (const t of config.tmpfs ?? []) args.push('--tmpfs', t);
  for (const b of binds(config, tempDir)) args.push('-v', b);
  args.push(...config.run_command.map((a) => a.replaceAll('{{.Image}}', image)));
  return `docker run ${args.join(' ')}`;
}

/** Packer's StepRun and StepConnectDocker: creates and starts the container, then the communicator to it. */
export const stepRunContainer: Step<DockerState> = {
  name: 'StepRun',
  run: async (state, ctx) => {
    const { config, driver } = state;
    const spec = parseRunCommand(config.run_command, state.image);
    if ('error' in spec) throw new Error(spec.error);
    ctx.ui.say('Starting docker container...');
    ctx.ui.message(`Run command: ${displayCommand(config, state.tempDir!, state.image)}`);
    const name = containerName(ctx.buildName);
    state.containerRecord = ctx.journal.record('docker-container', ctx.buildName, `container ${name}`, { name, dockerHost: driver.endpoint.display });
    state.containerId = await driver.createContainer(createOptions(config, spec, state.tempDir!, name));
    await driver.startContainer(state.containerId);
    ctx.ui.message(`Container ID: ${state.containerId}`);
    state.data = { ...state.data, ID: Value.string(state.containerId) };
    const containerUser = await driver.containerUser(state.containerId);
    ctx.ui.say('Using docker communicator to connect: ');
    state.comm = driver.communicator(state.containerId, { execUser: config.exec_user ?? '', fixUploadOwner: config.fix_upload_owner, containerUser });
  },
  cleanup: async (state, ctx) => {
    const id = state.containerId;
    const record = state.containerRecord;
    state.containerId = undefined;
    state.containerRecord = undefined;
    if (id) {
      ctx.ui.say(`Killing the container: ${id}`);
      await state.driver.removeContainer(id);
    }
    // Also when the create failed: a container that was never made is not left to `tsbuild cleanup`.
    if (record) ctx.journal.forget(record);
  },
};
