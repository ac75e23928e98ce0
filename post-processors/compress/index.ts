import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { RunContext } from '../../src/plugin/context.js';
import type { PostProcessorPlugin } from '../../src/plugin/plugins.js';
import { startByteProgress } from '../../src/ui/byte-progress.js';
import { describeFsError } from '../../src/util/fs-error.js';
import { compressArtifact } from './artifact.js';
import { compressConfig, effectiveLevel, type CompressConfig } from './config.js';
import { detectFormat, type Algorithm, type CompressFormat } from './detect-format.js';
import { bgzfStream, deflateOptions, gzipStream } from './gzip.js';
import { closeInputs, openInputs, plainBytes, tarBytes, totalSize, type Input } from './inputs.js';
import { lz4Stream } from './lz4.js';
import { outputData, renderOutputPath } from './output-path.js';
import { readOwnerNames } from './owner-names.js';
import { writeArchive } from './write-archive.js';
import { xzStream } from './xz.js';
import { zipBytes } from './zip.js';

/** Packer's names of the compressions, as its messages print them. */
const SHOWN: Readonly<Record<Algorithm, string>> = { gzip: 'pgzip', bgzf: 'bgzf', lz4: 'lz4', xz: 'xz' };

/** What compression_level does not change, said when it is set: Packer ignores it there too, except for lz4. */
function levelNote(config: CompressConfig, { archive, algorithm }: CompressFormat): string | undefined {
  if (config.compression_level === undefined || algorithm === 'gzip' || algorithm === 'bgzf') return undefined;
  if (algorithm === 'lz4') return "compression_level has no effect on lz4: it is written in LZ4's fast mode (Packer uses its high-compression mode)";
  return `compression_level has no effect on ${algorithm ?? (archive === 'zip' ? 'zip' : 'an uncompressed tar')} (as in Packer)`;
}

function compressed(algorithm: Algorithm | undefined, level: number, bytes: AsyncIterable<Buffer>, signal: AbortSignal): AsyncIterable<Buffer> {
  switch (algorithm) {
    case 'gzip':
      return gzipStream(bytes, level);
    case 'bgzf':
      return bgzfStream(bytes, level);
    case 'lz4':
      return lz4Stream(bytes);
    case 'xz':
      return xzStream(bytes, 6, signal);
    default:
      return bytes;
  }
}

async function compress(config: CompressConfig, ctx: RunContext, files: readonly string[], target: string): Promise<void> {
  const format = detectFormat(config.output, config.format);
  const { archive, algorithm } = format;
  const level = effectiveLevel(config.compression_level);
  const cores = availableParallelism();
  if (algorithm) ctx.ui.say(`Using ${SHOWN[algorithm]} compression with ${cores} ${cores === 1 ? 'core' : 'cores'} for ${target}`);
  const note = levelNote(config, format);
  if (note) ctx.ui.say(note);
  const how = algorithm ? SHOWN[algorithm] : 'no compression';
  if (!archive && files.length !== 1) {
    throw new Error(`Can only have 1 input file when not using tar/zip. Found ${files.length} files: [${files.join(' ')}]`);
  }
  const path = resolve(ctx.cwd, target);
  try {
    await mkdir(dirname(path), { recursive: true, mode: 0o755 });
  } catch (e) {
    throw new Error(`Unable to create dir for archive ${target}: ${describeFsError(e)}`);
  }
  const inputs: Input[] = await openInputs(files, ctx.cwd, (file, reason) =>
    archive ? `Error creating ${archive}: Unable to read file ${file}: ${reason}` : `Failed to open source file ${file} for reading: ${reason}`,
  );
  try {
    const progress = startByteProgress(ctx.ui, `Compressing to ${target}`, totalSize(inputs));
    let stream: AsyncIterable<Buffer>;
    if (archive === 'zip') {
      ctx.ui.say(`Zipping ${target}`);
      // Go's archive/zip deflates at its level 5, whatever compression_level says.
      stream = zipBytes(inputs, deflateOptions(5), progress, ctx.signal);
    } else if (archive === 'tar') {
      ctx.ui.say(`Tarring ${target} with ${how}`);
      stream = compressed(algorithm, level, tarBytes(inputs, await readOwnerNames(), progress, ctx.signal), ctx.signal);
    } else {
      ctx.ui.say(`Archiving ${files[0]} with ${how}`);
      stream = compressed(algorithm, level, plainBytes(inputs[0]!, progress, ctx.signal), ctx.signal);
    }
    await writeArchive(path, target, stream);
  } finally {
    await closeInputs(inputs);
  }
  ctx.ui.say(`Archive ${target} completed`);
}

/**
 * compress: archives (tar, zip) and/or compresses (gzip on every core, bgzf, lz4, xz) the artifact's files into
 * `output`, in the format its extensions name, as Packer's compress does. The archive is the new artifact; the
 * input is not kept unless keep_input_artifact says so.
 */
export const compressPostProcessor: PostProcessorPlugin<typeof compressConfig> = {
  kind: 'post-processor',
  type: 'compress',
  config: compressConfig,
  create: async (config) => ({
    postProcess: async (ctx, input) => {
      const target = renderOutputPath(config.output, outputData(ctx, input));
      await compress(config, ctx, input.files, target);
      return { artifact: compressArtifact(target, ctx.cwd), keep: false, forceOverride: false };
    },
  }),
};
