import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { blocks, declareConfig, opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../src/plugin/config.js';
import { parseRunCommand } from './run-command.js';

/** Packer's default run_command. */
export const DEFAULT_RUN_COMMAND = ['-d', '-i', '-t', '--entrypoint=/bin/sh', '--', '{{.Image}}'];

/** Instructions `docker commit --change` accepts. */
const CHANGE_INSTRUCTIONS = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'ONBUILD', 'USER', 'VOLUME', 'WORKDIR'];

const dockerOptions = {
  image: opt.string('The base image to run (pulled unless pull = false), or none with a build block.'),
  pull: opt.bool('Pulls the image before running it.').default(true),
  commit: opt.bool('Commits the container to an image: the artifact.'),
  discard: opt.bool('Throws the container away: no artifact.'),
  export_path: opt.string("Exports the container's filesystem to this tar file: the artifact."),
  changes: opt.strings('Dockerfile instructions applied when committing (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL...).'),
  author: opt.string('The author of the committed image.'),
  message: opt.string('The commit message of the committed image.'),
  run_command: opt.strings('The arguments of `docker run` ({{.Image}} is the image).').defaultIfEmpty(DEFAULT_RUN_COMMAND),
  volumes: opt.stringMap('Host folders mounted in the container: host path = container path.'),
  privileged: opt.bool('Runs the container privileged.'),
  cap_add: opt.strings('Linux capabilities to add.'),
  cap_drop: opt.strings('Linux capabilities to drop.'),
  tmpfs: opt.strings('tmpfs mounts (path[:options]).'),
  device: opt.strings('Host devices to add (host[:container[:permissions]]).'),
  runtime: opt.string('The container runtime (--runtime).'),
  platform: opt.string('The platform of the image (linux/amd64...).'),
  container_dir: opt.string('The folder in the container where files are staged for upload.').defaultIfEmpty('/packer-files'),
  exec_user: opt.string('The user commands run as in the container.'),
  fix_upload_owner: opt.bool('Gives uploaded files to the container user.').default(true),
  login: opt.bool('Logs in to the registry before pulling.'),
  login_server: opt.string('The registry to log in to (default: Docker Hub).'),
  login_username: opt.string('The registry user name.'),
  login_password: opt.string('The registry password.').sensitive(),
  communicator: opt.string('Must be "docker".'),
  windows_container: opt.bool('Rejected: tsbuild builds Linux containers.'),
  build: blocks('Builds the base image from a Dockerfile instead of running image.', {
    path: opt.string('The Dockerfile.').required(),
    build_dir: opt.string('The build context folder.').default('.'),
    arguments: opt.stringMap('Build arguments (--build-arg).'),
    pull: opt.bool('Pulls newer base images while building.').default(true),
    compress: opt.bool('Compresses the build context.'),
  }),
};

export type DockerConfig = ConfigOf<typeof dockerOptions>;

function validateDockerfile(build: DockerConfig['build'], image: string | undefined, cwd: string): ConfigProblem[] {
  if (build.length === 0) return image ? [] : [{ message: 'Image must be specified', attribute: 'image' }];
  const out: ConfigProblem[] = [];
  if (build.length > 1) out.push({ message: 'Only one build block can be given' });
  if (image) out.push({ message: 'image and a build block are mutually exclusive: the build block makes the image', attribute: 'image' });
  const dockerfile = build[0]!;
  const st = statOrUndefined(dockerfile.path, cwd);
  if (!st) out.push({ message: `failed to stat file "${dockerfile.path}": no such file or directory` });
  else if (!st.isFile()) out.push({ message: `dockerfile "${dockerfile.path}" is not a regular file` });
  const dir = dockerfile.build_dir;
  const dst = statOrUndefined(dir, cwd);
  if (!dst) out.push({ message: `failed to stat build directory "${dir}": no such file or directory` });
  else if (!dst.isDirectory()) out.push({ message: `specified build_dir "${dir}" is not a directory` });
  return out;
}

function statOrUndefined(path: string, cwd: string) {
  try {
    return statSync(resolve(cwd, path));
  } catch {
    return undefined;
  }
}

/** Packer's checks, with its messages, plus early checks of what the Engine API would reject later. */
function validateDocker(c: DockerConfig, ctx: ValidateContext): ConfigProblem[] {
  const out = validateDockerfile(c.build, c.image, ctx.cwd);
  const exportPath = c.export_path ?? '';
  if ((exportPath && c.commit) || (exportPath && c.discard) || (c.commit && c.discard)) {
    out.push({ message: 'Cannot specify more than one of commit, discard, and export_path' });
  }
  if (!exportPath && !c.commit && !c.discard) out.push({ message: 'No instructions given for handling the artifact; expected commit, discard, or export_path' });
  if (exportPath && statOrUndefined(exportPath, ctx.cwd)?.isDirectory()) out.push({ message: 'export_path must be a file, not a directory', attribute: 'export_path' });
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
  const parsed = parseRunCommand(c.run_command, c.image ?? 'image');
  if ('error' in parsed) out.push({ message: parsed.error, attribute: 'run_command' });
  return out;
}

export const dockerConfig = declareConfig(dockerOptions, validateDocker);
