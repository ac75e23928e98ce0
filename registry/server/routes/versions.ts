// Versions and their builds: /buckets/{bucket_name}/versions[/{fingerprint}[/builds[/{build_id}]]].

import { Hono } from 'hono';
import type { BuildInput, BuildUpdate } from '../../store/builds.js';
import { createBuild, listBuilds, updateBuild } from '../../store/builds.js';
import { restoreVersion, revokeVersion } from '../../store/revocation.js';
import { createVersion, getVersion, listVersions } from '../../store/versions.js';
import type { RegistryEnv } from '../env.js';
import { pagination, readJson, readPage } from '../request.js';
import { readVersionUpdate } from '../revocation.js';

export const versionRoutes = new Hono<RegistryEnv>()
  .get('/buckets/:bucket/versions', async (c) => {
    const page = await listVersions(c.var.store, c.req.param('bucket'), readPage(c));
    return c.json({ versions: page.items, pagination: pagination(page.next_page_token) });
  })
  .post('/buckets/:bucket/versions', async (c) => {
    const body = await readJson(c);
    const version = await createVersion(c.var.store, c.req.param('bucket'), { fingerprint: body.fingerprint as string, parent_version_id: body.parent_version_id as string | undefined }, c.var.caller.author);
    return c.json({ version });
  })
  .get('/buckets/:bucket/versions/:fingerprint', async (c) => c.json({ version: await getVersion(c.var.store, c.req.param('bucket'), c.req.param('fingerprint')) }))
  .patch('/buckets/:bucket/versions/:fingerprint', async (c) => {
    const update = readVersionUpdate(await readJson(c), c.var.store.now());
    const [store, bucket, fingerprint, author] = [c.var.store, c.req.param('bucket'), c.req.param('fingerprint'), c.var.caller.author];
    const version = update.restore ? await restoreVersion(store, bucket, fingerprint, author) : await revokeVersion(store, bucket, fingerprint, update.revocation, author);
    return c.json({ version });
  })
  .get('/buckets/:bucket/versions/:fingerprint/builds', async (c) => {
    const page = await listBuilds(c.var.store, c.req.param('bucket'), c.req.param('fingerprint'), readPage(c));
    return c.json({ builds: page.items, pagination: pagination(page.next_page_token) });
  })
  .post('/buckets/:bucket/versions/:fingerprint/builds', async (c) => {
    const body = (await readJson(c)) as unknown as BuildInput;
    const build = await createBuild(c.var.store, c.req.param('bucket'), c.req.param('fingerprint'), body, c.var.caller.author);
    return c.json({ build });
  })
  .patch('/buckets/:bucket/versions/:fingerprint/builds/:build', async (c) => {
    const body = (await readJson(c)) as unknown as BuildUpdate;
    const build = await updateBuild(c.var.store, c.req.param('bucket'), c.req.param('fingerprint'), c.req.param('build'), body, c.var.caller.author);
    return c.json({ build });
  });
