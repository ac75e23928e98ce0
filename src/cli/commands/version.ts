import { PACKER_VERSION, TSBUILD_VERSION } from '../../template/version.js';
import type { CliIO } from '../io.js';

export async function version(io: CliIO): Promise<number> {
  io.stdout.write(`tsbuild v${TSBUILD_VERSION} (Packer ${PACKER_VERSION} template compatibility)\n`);
  return 0;
}
