import { statSync } from 'node:fs';
import type { ConfigSchema, PluginConfig } from '../../src/plugin/config-schema.js';
import { T } from '../../src/value/value.js';
import { parseRunCommand } from './run-command.js';

/** The `build { }` block: build the base image from a Dockerfile first. */
export interface DockerfileConfig {
  path: string;
  build_dir?: string;
  arguments?: Record<string, string>;
  pull?: boolean;
  compress?: boolean;
}

export interface DockerConfig {
  image?: string;
  pull?: boolean;
  commit?: boolean;
  discard?: boolean;
  export_path?: string;
  changes?: string[];
  author?: string;
  message?: string;
  run_command?: string[];
  volumes?: Record<string, string>;
  privileged?: boolean;
  cap_add?: string[];
  cap_drop?: string[];
  tmpfs?: string[];
  device?: string[];
  runtime?: string;
  platform?: string;
  container_dir?: string;
  exec_user?: string;
  fix_upload_owner?: boolean;
  login?: boolean;
  login_server?: string;
  login_username?: string;
  login_password?: string;
  communicator?: string;
  windows_container?: boolean;
  build?: DockerfileConfig[];
}

/** Packer's default run_command. */
export const DEFAULT_RUN_COMMAND = ['-d', '-i', '-t', '--entrypoint=/bin/sh', '--', '{{.Image}}'];

/** Instructions `docker commit --change` accepts. */
const CHANGE_INSTRUCTIONS = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'ONBUILD', 'USER', 'VOLUME', 'WORKDIR'];

const s = { type: T.string };
const b = { type: T.bool };
const strings = { type: T.list(T.string) };

export const dockerSchema: ConfigSchema = {
  attributes: {
    image: s,
    pull: b,
    commit: b,
    discard: b,
    export_path: s,
    changes: strings,
    author: s,
    message: s,
    run_command: strings,
    volumes: { type: T.map(T.string) },
    privileged: b,
    cap_add: strings,
    cap_drop: strings,
    tmpfs: strings,
    device: strings,
    runtime: s,
    platform: s,
    container_dir: s,
    exec_user: s,
    fix_upload_owner: b,
    login: b,
    login_server: s,
    login_username: s,
    login_password: s,
    communicator: s,
    windows_container: b,
  },
  blocks: {
    build: {
      attributes: { path: { type: T.string, required: true }, build_dir: s, arguments: { type: T.map(T.string) }, pull: b, compress: b },
    },
  },
  validate: (c) => validateDocker(c as DockerConfig),
};

type Problem = { message: string; attribute?: string };

function validateDockerfile(build: DockerfileConfig[] | undefined, image: string | undefined): Problem[] {
  if (!build || build.length === 0) return image ? [] : [{ message: 'Image must be specified', attribute: 'image' }];
  const out: Problem[] = [];
  if (build.length > 1) out.push({ message: 'Only one build block can be given' });
  if (image) out.push({ message: 'image and a build block are mutually exclusive: the build block makes the image', attribute: 'image' });
  const dockerfile = build[0]!;
  const st = statOrUndefined(dockerfile.path);
  if (!st) out.push({ message: `failed to stat file "${dockerfile.path}": no such file or directory` });
  else if (!st.isFile()) out.push({ message: `dockerfile "${dockerfile.path}" is not a regular file` });
  const dir = dockerfile.build_dir ?? '.';
  const dst = statOrUndefined(dir);
  if (!dst) out.push({ message: `failed to stat build directory "${dir}": no such file or directory` });
  else if (!dst.isDirectory()) out.push({ message: `specified build_dir "${dir}" is not a directory` });
  return out;
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Packer's checks, with its messages, plus early checks of what the Engine API would reject later. */
function validateDocker(c: DockerConfig): Problem[] {
  const out = validateDockerfile(c.build, c.image);
  const exportPath = c.export_path ?? '';
  if ((exportPath && c.commit) || (exportPath && c.discard) || (c.commit && c.discard)) {
    out.push({ message: 'Cannot specify more than one of commit, discard, and export_path' });
  }
  if (!exportPath && !c.commit && !c.discard) out.push({ message: 'No instructions given for handling the artifact; expected commit, discard, or export_path' });
  if (exportPath && statOrUndefined(exportPath)?.isDirectory()) out.push({ message: 'export_path must be a file, not a directory', attribute: 'export_path' });
  if (c.windows_container) out.push({ message: 'windows_container is not supported: tsbuild builds Linux containers', attribute: 'windows_container' });
  if (c.communicator !== undefined && c.communicator !== 'docker') {
    out.push({ message: `communicator must be "docker" for the docker builder; got "${c.communicator}"`, attribute: 'communicator' });
  }
  for (const change of c.changes ?? []) {
    const word = change.trim().split(/\s+/)[0]!.toUpperCase();
    if (!CHANGE_INSTRUCTIONS.includes(word)) {
      out.push({ message: `${change.trim().split(/\s+/)[0]} is not a valid change command (expected one of ${CHANGE_INSTRUCTIONS.join(', ')})`, attribute: 'changes' });
    }
  }
  if (c.run_command) {
    const parsed = parseRunCommand(c.run_command, c.image ?? 'image');
    if ('error' in parsed) out.push({ message: parsed.error, attribute: 'run_command' });
  }
  return out;
}

/** The configuration with Packer's defaults applied. */
export function withDefaults(raw: PluginConfig): DockerConfig & { pull: boolean; fix_upload_owner: boolean; container_dir: string; run_command: string[] } {
  const c = raw as DockerConfig;
  return {
    ...c,
    pull: c.pull ?? true,
    fix_upload_owner: c.fix_upload_owner ?? true,
    container_dir: c.container_dir || '/packer-files',
    run_command: c.run_command && c.run_command.length > 0 ? c.run_command : DEFAULT_RUN_COMMAND,
  };
}

export type ResolvedDockerConfig = ReturnType<typeof withDefaults>;
