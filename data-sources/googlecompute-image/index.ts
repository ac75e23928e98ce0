import type { DataSourcePlugin } from '../../src/plugin/plugins.js';
import { loadGcp } from '../../src/providers/gcp/load.js';
import { googlecomputeImageConfig, googlecomputeImageOutput } from './config.js';

/**
 * googlecompute-image: the one image of a project that the filter matches (the newest with most_recent), as
 * Packer's googlecompute plugin finds it. @google-cloud/compute loads only when a template uses this data source.
 */
export const googlecomputeImageDataSource: DataSourcePlugin<typeof googlecomputeImageConfig> = {
  kind: 'data',
  type: 'googlecompute-image',
  config: googlecomputeImageConfig,
  outputType: googlecomputeImageOutput,
  execute: async (c, ctx) => {
    const gcp = await loadGcp();
    const driver = await gcp.openGce({ ...c, scopes: [] }, ctx.cwd, ctx.env, ctx.signal);
    try {
      const images = await driver.listImages(c.project_id!, c.filters ?? '', ctx.signal);
      const where = `in project ${c.project_id}${c.filters ? ` with filters ${JSON.stringify(c.filters)}` : ''}`;
      if (images.length === 0) throw new Error(`No image found ${where}`);
      if (images.length > 1 && !c.most_recent) {
        throw new Error(`${images.length} images found ${where} (${images.map((i) => i.name).slice(0, 5).join(', ')}${images.length > 5 ? ', ...' : ''}): narrow the filters or set most_recent = true`);
      }
      const image = [...images].sort((a, b) => (b.creationTimestamp ?? '').localeCompare(a.creationTimestamp ?? ''))[0]!;
      return { id: image.id ?? '', name: image.name, creation_date: image.creationTimestamp ?? '', labels: image.labels, family: image.family ?? '', self_link: image.selfLink };
    } finally {
      await driver.close();
    }
  },
};
