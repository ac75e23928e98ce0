import { rm } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import type { Artifact } from '../../src/plugin/artifact.js';
import type { GeneratedData } from '../../src/plugin/plugins.js';

export const BUILDER_ID = 'mitchellh.vmware';

export interface VmwareArtifactInput {
  /** The output directory as the template gave it (Packer shows it so). */
  dir: string;
  /** The same, absolute. */
  absoluteDir: string;
  /** Files in it, absolute. */
  files: string[];
  vmName: string;
  format: string;
  /** The .vmx file, or the exported .ova/.ovf: what the registry records. */
  image: string;
  cwd: string;
  labels: Record<string, string>;
  generatedData: GeneratedData;
}

/** Packer's vmware artifact: the files of the output directory; its id is the machine's name. */
export function vmwareArtifact(a: VmwareArtifactInput): Artifact {
  const shown = (p: string) => (isAbsolute(a.dir) ? p : join(a.dir, relative(a.absoluteDir, p)));
  return {
    builderId: BUILDER_ID,
    id: a.vmName,
    files: a.files.map(shown),
    string: `VM files in directory: ${a.dir}`,
    images: [{ platform: 'vmware', externalId: a.image, labels: { format: a.format, vm_name: a.vmName, ...a.labels } }],
    generatedData: a.generatedData,
    state: { 'artifact.conf.format': a.format, 'artifact.conf.keep_registered': 'false', 'artifact.conf.skip_export': String(a.format === 'vmx') },
    destroy: () => rm(a.absoluteDir, { recursive: true, force: true }),
  };
}
