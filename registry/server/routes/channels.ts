// Channels: /buckets/{bucket_name}/channels[/{channel_name}[/history]]. A read token neither sees nor reads a
// restricted channel: to it, such a channel does not exist. A channel GET over HTTP is usually answered ahead of this
// router, from the same functions (lookup-listener.ts).

import { Hono, type Context } from 'hono';
import { createChannel, deleteChannel, getChannel, listChannelHistory, listChannels, updateChannel } from '../../store/channels.js';
import type { Channel } from '../../api/types.js';
import { notFound, type Store } from '../../store/store.js';
import { canWrite, type Caller, type RegistryEnv } from '../env.js';
import type { LookupCache } from '../lookup-cache.js';
import { pagination, readJson, readNoBody, readPage } from '../request.js';

/** A channel as the caller may see it: a restricted one is not found by a read token. */
export async function readableChannel(store: Store, caller: Caller, bucket: string, name: string): Promise<Channel> {
  const channel = await getChannel(store, bucket, name);
  if (channel.restricted && !canWrite(caller)) throw notFound(`channel ${JSON.stringify(channel.name)} in bucket ${JSON.stringify(channel.bucket_name)}`);
  return channel;
}

/** The answer to a channel GET as JSON text. */
export async function channelDocument(store: Store, caller: Caller, bucket: string, name: string): Promise<string> {
  return JSON.stringify({ channel: await readableChannel(store, caller, bucket, name) });
}

export type LookupAnswer = (store: Store, caller: Caller, bucket: string, channel: string) => Promise<string>;

/**
 * The answer to lookup `route` of channel `channel` of bucket `bucket` as JSON text: kept by the server's lookup cache
 * (lookup-cache.ts) for the caller's scope, or worked out by `answer`. The one place the cache's key is made, for the
 * app's routes and the listener's lookups (lookup-listener.ts) alike.
 */
export function keptLookup(lookups: LookupCache, store: Store, caller: Caller, route: string, bucket: string, channel: string, answer: LookupAnswer): Promise<string> {
  return lookups.get(store, [route, caller.scope, bucket, channel], () => answer(store, caller, bucket, channel));
}

/**
 * The answer to a lookup of channel :channel of bucket :bucket (keptLookup). Sent with c.json's headers (a new object
 * each time: the Node adapter adds to it).
 */
export async function channelLookup(c: Context<RegistryEnv>, route: string, answer: LookupAnswer): Promise<Response> {
  const text = await keptLookup(c.get('lookups'), c.get('store'), c.get('caller'), route, c.req.param('bucket')!, c.req.param('channel')!, answer);
  return c.body(text, 200, { 'Content-Type': 'application/json' });
}

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
  .get('/buckets/:bucket/channels/:channel', (c) => channelLookup(c, 'channel', channelDocument))
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
    await readableChannel(c.var.store, c.var.caller, c.req.param('bucket'), c.req.param('channel'));
    const page = await listChannelHistory(c.var.store, c.req.param('bucket'), c.req.param('channel'), readPage(c));
    return c.json({ history: page.items, pagination: pagination(page.next_page_token) });
  });
