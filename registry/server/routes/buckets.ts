// Buckets: /buckets, /buckets/{bucket_name} and its /ancestry.

import { Hono } from 'hono';
import type { Labels } from '../../api/types.js';
import { listBucketAncestry } from '../../store/ancestry.js';
import { createBucket, deleteBucket, getBucket, listBuckets, updateBucket } from '../../store/buckets.js';
import type { RegistryEnv } from '../env.js';
import { pagination, readJson, readNoBody, readPage } from '../request.js';

export const bucketRoutes = new Hono<RegistryEnv>()
  .get('/buckets', async (c) => {
    const page = await listBuckets(c.var.store, readPage(c));
    return c.json({ buckets: page.items, pagination: pagination(page.next_page_token) });
  })
  .post('/buckets', async (c) => {
    const body = await readJson(c);
    const bucket = await createBucket(c.var.store, { name: body.name as string, description: body.description as string | undefined, labels: body.labels as Labels | undefined }, c.var.caller.author);
    return c.json({ bucket });
  })
  .get('/buckets/:bucket', async (c) => c.json({ bucket: await getBucket(c.var.store, c.req.param('bucket')) }))
  .patch('/buckets/:bucket', async (c) => {
    const body = await readJson(c);
    const bucket = await updateBucket(c.var.store, c.req.param('bucket'), { description: body.description as string | undefined, labels: body.labels as Labels | undefined }, c.var.caller.author);
    return c.json({ bucket });
  })
  .delete('/buckets/:bucket', async (c) => {
    await readNoBody(c);
    await deleteBucket(c.var.store, c.req.param('bucket'));
    return c.json({});
  })
  .get('/buckets/:bucket/ancestry', async (c) => {
    const relations = await listBucketAncestry(c.var.store, c.req.param('bucket'));
    return c.json({ relations, total_count: relations.length, pagination: {} });
  });
