// The qemu artifact, as Packer's: id "VM", the files of the output directory, "VM files in directory: <dir>";
// destroying it removes the directory. The image registry records the disk: platform `qemu`, the disk's path as
// identifier, and the host it was built on as region (a local disk has no cloud region; the host says where it is).

import { readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Artifact } from '../../src/plugin/artifact.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';

export const QEMU_BUILDER_ID = 'transcend.qemu';

export interface QemuArtifactFacts {
  /** Absolute. */
  outputDir: string;
  /** As the template gave it (Packer's text shows it so). */
  outputDirShown: string;
  diskPath: string;
  format: string;
  diskSize: string;
  accelerator: string;
  sourceUrl?: string;
}

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
}

export async function qemuArtifact(f: QemuArtifactFacts, generatedData: GeneratedData): Promise<Artifact> {
  const files = await filesIn(f.outputDir);
  return {
    builderId: QEMU_BUILDER_ID,
    id: 'VM',
    files,
    string: `VM files in directory: ${f.outputDirShown}`,
    images: [
      {
        platform: 'qemu',
        externalId: f.diskPath,
        region: hostname() || 'local',
        labels: { format: f.format, disk_size: f.diskSize },
        ...(f.sourceUrl ? { sourceExternalId: f.sourceUrl } : {}),
      },
    ],
    generatedData: Object.freeze({ ...generatedData }),
    // What Packer's qemu artifact gives post-processors (the vagrant one reads them).
    state: { diskName: f.diskPath.slice(f.outputDir.length + 1), diskType: f.format, diskSize: f.diskSize, domainType: f.accelerator },
    destroy: () => rm(f.outputDir, { recursive: true, force: true }),
  };
}
