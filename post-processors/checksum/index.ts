import { appendFile, mkdir, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { PostProcessorPlugin } from '../../src/plugin/plugins.js';
import { startByteProgress } from '../../src/ui/byte-progress.js';
import { describeFsError } from '../../src/util/fs-error.js';
import { outputData, renderOutputPath } from '../compress/output-path.js';
import { filesArtifact } from '../artifice/artifact.js';
import { checksumConfig } from './config.js';
import { hashFile, openForHashing } from './hash-files.js';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * checksum: writes `<hex>\t<file name>\n` for each file of the artifact into one file per checksum type (appended
 * to when it exists, as Packer does). The new artifact is the input's files and the checksum files it created; the
 * input is always kept.
 */
export const checksumPostProcessor: PostProcessorPlugin<typeof checksumConfig> = {
  kind: 'post-processor',
  type: 'checksum',
  config: checksumConfig,
  create: async (config) => ({
    postProcess: async (ctx, input) => {
      const digests = new Map<string, Map<string, string>>();
      for (const file of input.files) {
        let opened;
        try {
          opened = await openForHashing(resolve(ctx.cwd, file));
        } catch (e) {
          throw new Error(`unable to open file ${file}: ${describeFsError(e)}`);
        }
        try {
          const progress = startByteProgress(ctx.ui, `Hashing ${basename(file)}`, opened.reader.size);
          digests.set(file, await hashFile(opened, config.checksum_types, progress, ctx.signal));
        } catch (e) {
          if (ctx.signal.aborted) throw e;
          throw new Error(`unable to compute ${config.checksum_types.join(', ')} hash for ${file}: ${describeFsError(e)}`);
        } finally {
          await opened.reader.close();
        }
      }
      const files = [...input.files];
      for (const type of config.checksum_types) {
        for (const file of input.files) {
          const out = renderOutputPath(config.output, outputData(ctx, input, { ChecksumType: type }));
          const path = resolve(ctx.cwd, out);
          if (!(await exists(path))) files.push(out);
          try {
            await mkdir(dirname(path), { recursive: true, mode: 0o755 });
          } catch (e) {
            throw new Error(`unable to create dir: ${describeFsError(e)}`);
          }
          try {
            await appendFile(path, `${digests.get(file)!.get(type)}\t${basename(file)}\n`, { mode: 0o644 });
          } catch (e) {
            throw new Error(`unable to create file ${out}: ${describeFsError(e)}`);
          }
        }
      }
      return { artifact: filesArtifact('packer.post-processor.checksum', files, ctx.cwd), keep: true, forceOverride: true };
    },
  }),
};
