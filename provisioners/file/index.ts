import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { isCancellation } from '../../src/engine/cancel.js';
import type { Communicator } from '../../src/plugin/communicator.js';
import { errorMessage } from '../../src/plugin/errors.js';
import type { ProvisionerPlugin } from '../../src/plugin/plugins.js';
import type { RunContext } from '../../src/plugin/context.js';
import { fileConfig, sourcesOf, type FileConfig } from './config.js';

/** Says "Upload failed: ..." as Packer does, then fails with the communicator's error. */
async function reportingFailure(ctx: RunContext, transfer: Promise<void>): Promise<void> {
  try {
    await transfer;
  } catch (e) {
    if (!isCancellation(e)) ctx.ui.error(`Upload failed: ${errorMessage(e)}`);
    throw e;
  }
}

/** Uploads as Packer: a file to a destination ending in `/` keeps its name; a folder follows the communicator's trailing-slash rule. */
async function upload(config: FileConfig, ctx: RunContext, comm: Communicator): Promise<void> {
  if (config.content !== undefined) {
    ctx.ui.say(`Uploading content => ${config.destination}`);
    await reportingFailure(ctx, comm.uploadContent(config.content, config.destination, ctx.signal));
    return;
  }
  for (const src of sourcesOf(config)) {
    ctx.ui.say(`Uploading ${src} => ${config.destination}`);
    const local = resolve(ctx.cwd, src) + (src.endsWith('/') ? '/' : '');
    const isDir = (await stat(local)).isDirectory();
    const dst = !isDir && config.destination.endsWith('/') ? config.destination + basename(src) : config.destination;
    await reportingFailure(ctx, comm.upload(local, dst, ctx.signal));
  }
}

/** Downloads as Packer: into a local folder when the destination ends in `/` (created if needed). */
async function download(config: FileConfig, ctx: RunContext, comm: Communicator): Promise<void> {
  for (const src of sourcesOf(config)) {
    ctx.ui.say(`Downloading ${src} => ${config.destination}`);
    const dst = resolve(ctx.cwd, config.destination) + (config.destination.endsWith('/') ? '/' : '');
    await mkdir(config.destination.endsWith('/') ? dst : dirname(dst), { recursive: true });
    await comm.download(src, dst, ctx.signal);
  }
}

/** file: copies files and folders between the build host and the machine being built. */
export const fileProvisioner: ProvisionerPlugin<typeof fileConfig> = {
  kind: 'provisioner',
  type: 'file',
  config: fileConfig,
  create: async (config) => ({
    provision: async (ctx, comm) => {
      if (!comm) throw new Error('The file provisioner needs a communicator: this builder has none (communicator = "none").');
      await (config.direction === 'download' ? download(config, ctx, comm) : upload(config, ctx, comm));
    },
  }),
};
