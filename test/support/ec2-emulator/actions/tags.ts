// CreateTags, DeleteTags and DescribeTags over every taggable resource of the caller.

import { notFound } from '../errors.js';
import { applyFilters, type FilterTable } from '../filters.js';
import type { Action, ActionContext } from '../context.js';
import { RESOURCE_TYPES, type Resource } from '../model.js';
import { paginate } from '../paginate.js';
import { filterParams, listParam, structParams } from '../query.js';

const NOT_FOUND: Readonly<Record<string, [string, string]>> = {
  ami: ['InvalidAMIID.NotFound', "The image id '[{id}]' does not exist"],
  i: ['InvalidInstanceID.NotFound', "The instance ID '{id}' does not exist"],
  snap: ['InvalidSnapshot.NotFound', "The snapshot '{id}' does not exist."],
  vol: ['InvalidVolume.NotFound', "The volume '{id}' does not exist."],
  sg: ['InvalidGroup.NotFound', "The security group '{id}' does not exist"],
  key: ['InvalidKeyPair.NotFound', "The key pair '{id}' does not exist"],
};

function resourcesToTag({ params, caller, store }: ActionContext): Resource[] {
  return listParam(params, 'ResourceId').map((id) => {
    const r = store.get(id);
    if (r && r.region === caller.region && (r.ownerId === caller.account)) return r;
    const [code, message] = NOT_FOUND[id.split('-')[0]!] ?? ['InvalidID', "The ID '{id}' is not valid"];
    throw notFound(code, message.replace('{id}', id));
  });
}

export const createTags: Action = (ctx) => {
  const tags = structParams(ctx.params, 'Tag').map((t) => [t.get('Key') ?? '', t.get('Value') ?? ''] as const);
  for (const r of resourcesToTag(ctx)) for (const [k, v] of tags) r.tags.set(k, v);
  return { return: true };
};

export const deleteTags: Action = (ctx) => {
  const tags = structParams(ctx.params, 'Tag').map((t) => [t.get('Key') ?? '', t.get('Value')] as const);
  for (const r of resourcesToTag(ctx)) {
    if (tags.length === 0) r.tags.clear();
    for (const [k, v] of tags) if (v === undefined || r.tags.get(k) === v) r.tags.delete(k);
  }
  return { return: true };
};

interface TagRow {
  resourceId: string;
  resourceType: string;
  key: string;
  value: string;
  tags: Map<string, string>;
}

const TAG_FILTERS: FilterTable<TagRow> = {
  'resource-id': (t) => [t.resourceId],
  'resource-type': (t) => [t.resourceType],
  key: (t) => [t.key],
  value: (t) => [t.value],
};

export const describeTags: Action = ({ params, caller, store }) => {
  const rows: TagRow[] = [...store.resources.values()]
    .filter((r) => r.region === caller.region && r.ownerId === caller.account && !(r.kind === 'instance' && r.state === 'terminated'))
    .flatMap((r) => [...r.tags].map(([key, value]) => ({ resourceId: r.id, resourceType: RESOURCE_TYPES[r.kind], key, value, tags: new Map<string, string>() })));
  const { page, nextToken } = paginate(applyFilters(rows, filterParams(params), TAG_FILTERS), params, 'DescribeTags');
  return { tagSet: page.map(({ resourceId, resourceType, key, value }) => ({ resourceId, resourceType, key, value })), nextToken };
};
