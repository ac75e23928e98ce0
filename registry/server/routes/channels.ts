// Channels: /buckets/{bucket_name}/channels[/{channel_name}[/history]]. A read token neither sees nor reads a
// restricted channel: to it, such a channel does not exist.

import { Hono } from 'hono';
import { createChannel, deleteChannel, getChannel, listChannelHistory, listChannels, updateChannel } from '../../store/channels.js';
import { notFound } from '../../store/store.js';
import { canWrite, type RegistryEnv } from '../env.js';
import { pagination, readJson, readNoBody, readPage } from '../request.js';

export const channelRoutes = new Hono<RegistryEnv>()
  .get('/buckets/:bucket/channels', async (c) => {
    const channels = await listChannels(c.var.store, c.req.param('bucket'), { includeRestricted: canWrite(c.var.caller) });
    return c.json({ channels });
  })
  .post('/buckets/:bucket/channels', async (c) => {
    const body = await readJson(c);
    const input = { name: body.name as string, restricted: body.restricted as boolean | undefined, version_fingerprint: body.version_fingerprint as string | undefined };
    return c.json({ channel: await createChannel(c.var.store, c.req.param('bucket'), input, c.var.caller.author) });
  })
  .get('/buckets/:bucket/channels/:channel', async (c) => {
    const channel = await getChannel(c.var.store, c.req.param('bucket'), c.req.param('channel'));
    if (channel.restricted && !canWrite(c.var.caller)) throw notFound(`channel ${JSON.stringify(channel.name)} in bucket ${JSON.stringify(channel.bucket_name)}`);
    return c.json({ channel });
  })
  .patch('/buckets/:bucket/channels/:channel', async (c) => {
    const body = await readJson(c);
    const input = { restricted: body.restricted as boolean | undefined, version_fingerprint: body.version_fingerprint as string | undefined };
    return c.json({ channel: await updateChannel(c.var.store, c.req.param('bucket'), c.req.param('channel'), input, c.var.caller.author) });
  })
  .delete('/buckets/:bucket/channels/:channel', async (c) => {
    await readNoBody(c);
    await deleteChannel(c.var.store, c.req.param('bucket'), c.req.param('channel'));
    return c.json({});
  })
  .get('/buckets/:bucket/channels/:channel/history', async (c) => {
    const channel = await getChannel(c.var.store, c.req.param('bucket'), c.req.param('channel'));
    if (channel.restricted && !canWrite(c.var.caller)) throw notFound(`channel ${JSON.stringify(channel.name)} in bucket ${JSON.stringify(channel.bucket_name)}`);
    const page = await listChannelHistory(c.var.store, c.req.param('bucket'), c.req.param('channel'), readPage(c));
    return c.json({ history: page.items, pagination: pagination(page.next_page_token) });
  });
