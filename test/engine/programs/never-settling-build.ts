// A test program: `tsbuild build` on the template in the current folder, with the `breakpoint` provisioner
// replaced by one that waits on a promise nobody settles (as a wait on an event that was missed does; only
// provisioner types Packer knows are accepted). The process then runs out of work with the build still pending;
// the exit status is what the build command makes of that.

import { build, type BuildOptions } from '../../../src/cli/commands/build.js';
import { declareConfig } from '../../../src/plugin/config.js';
import type { ProvisionerPlugin } from '../../../src/plugin/plugins.js';
import { pluginTable } from '../../../src/plugins/table.js';

const noOptions = declareConfig({});

const neverSettling: ProvisionerPlugin<typeof noOptions> = {
  kind: 'provisioner',
  type: 'breakpoint',
  config: noOptions,
  create: async () => ({
    provision: async (ctx) => {
      ctx.ui.say('Waiting for what never comes...');
      await new Promise<void>(() => undefined);
    },
  }),
};

const table = pluginTable();
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
const options: BuildOptions = { target: '.', inputs: [], only: [], except: [], force: false, debug: false, onError: 'cleanup', parallelBuilds: 0, timestampUi: false, color: false, machineReadable: false };
void build({ ...options, plugins: { ...table, provisioners: { ...table.provisioners, breakpoint: neverSettling } } }, io).then((code) => {
  process.exitCode = code;
});
