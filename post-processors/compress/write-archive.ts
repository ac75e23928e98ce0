import { open, rm } from 'node:fs/promises';
import { describeFsError, isFsError } from '../../src/util/fs-error.js';

/**
 * Writes `stream` to `path` (created or truncated, 0666 less the umask, as Go's os.Create). Whatever stops it (a
 * full disk, an input that fails, cancellation) removes the partial file before the error goes on. `shown` is the
 * path as the user wrote it, for messages.
 */
export async function writeArchive(path: string, shown: string, stream: AsyncIterable<Buffer>): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'w', 0o666);
  } catch (e) {
    throw new Error(`Unable to create archive ${shown}: ${describeFsError(e)}`);
  }
  try {
    for await (const buf of stream) {
      try {
        let done = 0;
        while (done < buf.length) done += (await handle.write(buf, done, buf.length - done)).bytesWritten;
      } catch (e) {
        throw isFsError(e) ? new Error(`Unable to write archive ${shown}: ${describeFsError(e)}`) : e;
      }
    }
    await handle.close().catch((e: unknown) => {
      throw new Error(`Unable to write archive ${shown}: ${describeFsError(e)}`);
    });
    handle = undefined;
  } catch (e) {
    await handle?.close().catch(() => {});
    await rm(path, { force: true }).catch(() => {}); // the error that matters is the one above
    throw e;
  }
}
