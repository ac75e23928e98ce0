import { hostname } from 'node:os';
import { cleanResource } from '../../journal/clean.js';
import { crossOut, findJournals, journalDir, RUN_WIDE, type FoundJournal } from '../../journal/journal.js';
import type { CliIO } from '../io.js';

/** Whether the run that owns `j` is still going: same host, and its process is alive. */
function stillRunning(j: FoundJournal): boolean {
  if (!j.header || j.header.host !== hostname()) return false;
  try {
    process.kill(j.header.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `tsbuild cleanup`: deletes what killed runs left behind (containers, images, temporary folders, temporary files
 * on machines reached over SSH, EC2 resources), as their journals list it, and says what it did. Runs still going
 * are left alone. Safe to run twice. Exit 1 when something could not be deleted (it stays in the journal, for the next try).
 */
export async function cleanup(io: CliIO): Promise<number> {
  const dir = journalDir(io.env);
  const journals = findJournals(dir);
  let failed = 0;
  let cleaned = 0;
  for (const j of journals) {
    const run = j.header?.run ?? j.file;
    if (stillRunning(j)) {
      io.stdout.write(`Run ${run} (pid ${j.header!.pid}) is still running: left alone.\n`);
      continue;
    }
    const done: string[] = [];
    // Newest first, as a build cleans up: a container before the folder it mounts.
    for (const r of [...j.outstanding].reverse()) {
      // Run-wide resources (the temporary folder) belong to no build.
      const whose = r.build === RUN_WIDE ? `run ${run}` : `build ${r.build}, run ${run}`;
      try {
        const outcome = await cleanResource(r, io.env);
        const said = typeof outcome === 'object' ? outcome.said : outcome === 'removed' ? `Removed ${r.description}` : `Already gone: ${r.description}`;
        io.stdout.write(`${said} (${whose}).\n`);
        done.push(r.id);
        cleaned++;
      } catch (e) {
        io.stdout.write(`Could not remove ${r.description} (${whose}): ${(e as Error).message}\n`);
        failed++;
      }
    }
    crossOut(j, done);
  }
  if (cleaned === 0 && failed === 0) io.stdout.write(`Nothing to clean up (journals in ${dir}).\n`);
  return failed > 0 ? 1 : 0;
}
