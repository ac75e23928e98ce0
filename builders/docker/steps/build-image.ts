import { readFile } from 'node:fs/promises';
import { createGzip } from 'node:zlib';
import { relative, resolve, sep } from 'node:path';
import type { Step } from '../../../src/engine/steps.js';
import { packPath } from '../../../src/communicator/docker/archive.js';
import type { DockerState } from '../state.js';

/** Name of a Dockerfile that lies outside the build folder, inside the context sent to the daemon. */
const OUTSIDE_DOCKERFILE = '.tsbuild.Dockerfile';

/** The `build { }` block: builds the base image from a Dockerfile (`docker build`), sending the build folder as context. */
export const stepBuildImage: Step<DockerState> = {
  name: 'StepBuild',
  run: async (state, ctx) => {
    const build = state.config.build?.[0];
    if (!build) return;
    ctx.ui.say('Building base image from Dockerfile...');
    const dir = resolve(ctx.cwd, build.build_dir);
    const file = resolve(ctx.cwd, build.path);
    const inside = relative(dir, file);
    const outside = inside.startsWith('..') || resolve(dir, inside) !== file;
    const extras = outside ? [{ name: OUTSIDE_DOCKERFILE, content: await readFile(file) }] : [];
    const tar = packPath(dir, '', { uid: 0, gid: 0 }, extras);
    // `compress`: the context goes to the daemon gzipped, as `docker build --compress` sends it.
    const context = build.compress ? tar.pipe(createGzip()) : tar;
    state.image = await state.driver.buildImage(context, {
      dockerfile: outside ? OUTSIDE_DOCKERFILE : inside.split(sep).join('/'),
      buildargs: build.arguments ?? {},
      pull: build.pull,
      say: (line) => ctx.ui.message(line),
      signal: ctx.signal,
    });
    ctx.ui.message(`Built image: ${state.image}`);
  },
};
