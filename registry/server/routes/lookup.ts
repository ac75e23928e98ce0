// GET /artifacts/versions?external_identifier=A&external_identifier=B: the versions that published these images, for
// checks such as `tsbuild registry check-plan` (a read token is enough). At most 100 identifiers per request.

import { Hono } from 'hono';
import { findArtifactVersions } from '../../store/artifact-versions.js';
import type { RegistryEnv } from '../env.js';
import { HttpError } from '../errors.js';

export const MAX_LOOKUP_IDS = 100;

export const lookupRoutes = new Hono<RegistryEnv>().get('/artifacts/versions', async (c) => {
  const ids = c.req.queries('external_identifier') ?? [];
  if (ids.length > MAX_LOOKUP_IDS) throw new HttpError(400, `at most ${MAX_LOOKUP_IDS} external_identifier values per request, got ${ids.length}`);
  return c.json({ artifacts: await findArtifactVersions(c.var.store, ids) });
});
