// CreateKeyPair (real key material), DescribeKeyPairs and DeleteKeyPair. Deleting a key pair by a name that does
// not exist succeeds, as in EC2; by an ID that does not exist, it fails.

import { Ec2Error, invalidParameter, notFound } from '../errors.js';
import { applyFilters, type FilterTable } from '../filters.js';
import { tagSet, type Action, type ActionContext } from '../context.js';
import type { KeyPair } from '../model.js';
import { filterParams, listParam, required, tagSpecifications } from '../query.js';
import { generateKeyMaterial } from '../ssh-keys.js';
import { nowIso } from '../store.js';

const KEY_FILTERS: FilterTable<KeyPair> = {
  'key-name': (k) => [k.name],
  'key-pair-id': (k) => [k.id],
  fingerprint: (k) => [k.fingerprint],
  'key-type': (k) => [k.keyType],
};

/** Stores the caller's new key pair `name` (refused when the name is taken), with the request's key-pair tags. */
export function addKeyPair({ params, caller, store }: ActionContext, k: Pick<KeyPair, 'name' | 'keyType' | 'fingerprint' | 'publicKey'>): KeyPair {
  if (store.list('key-pair', caller.region).some((x) => x.name === k.name)) throw new Ec2Error('InvalidKeyPair.Duplicate', `The keypair '${k.name}' already exists.`);
  return store.add<KeyPair>({
    kind: 'key-pair',
    id: store.newId('key'),
    region: caller.region,
    ownerId: caller.account,
    ...k,
    createTime: nowIso(),
    tags: new Map(tagSpecifications(params).get('key-pair')),
    seeded: false,
  });
}

export const createKeyPair: Action = (ctx) => {
  const { params } = ctx;
  const name = required(params, 'KeyName');
  const type = params.get('KeyType') ?? 'rsa';
  if (type !== 'rsa' && type !== 'ed25519') throw invalidParameter(`Invalid value '${type}' for KeyType.`);
  if (params.get('KeyFormat') === 'ppk') throw invalidParameter('The emulator only hands out pem keys.');
  const material = generateKeyMaterial(type);
  const key = addKeyPair(ctx, { name, keyType: type, fingerprint: material.fingerprint, publicKey: material.publicKey });
  return { keyName: name, keyFingerprint: key.fingerprint, keyMaterial: material.privateKey, keyPairId: key.id, tagSet: tagSet(key.tags) };
};

export const describeKeyPairs: Action = ({ params, caller, store }) => {
  const names = listParam(params, 'KeyName');
  const ids = listParam(params, 'KeyPairId');
  const keys = store.list('key-pair', caller.region);
  for (const n of names) if (!keys.some((k) => k.name === n)) throw notFound('InvalidKeyPair.NotFound', `The key pair '${n}' does not exist`);
  for (const id of ids) if (!keys.some((k) => k.id === id)) throw notFound('InvalidKeyPair.NotFound', `The key pair '${id}' does not exist`);
  const chosen = keys.filter((k) => (names.length === 0 || names.includes(k.name)) && (ids.length === 0 || ids.includes(k.id)));
  return {
    keySet: applyFilters(chosen, filterParams(params), KEY_FILTERS).map((k) => ({
      keyPairId: k.id,
      keyType: k.keyType,
      tagSet: tagSet(k.tags),
      keyName: k.name,
      keyFingerprint: k.fingerprint,
      createTime: k.createTime,
    })),
  };
};

export const deleteKeyPair: Action = ({ params, caller, store }) => {
  const name = params.get('KeyName');
  const id = params.get('KeyPairId');
  if (!name && !id) throw new Ec2Error('MissingParameter', 'The request must contain the parameter KeyName or KeyPairId');
  const key = store.list('key-pair', caller.region).find((k) => (id ? k.id === id : k.name === name));
  if (!key && id) throw notFound('InvalidKeyPair.NotFound', `The key pair '${id}' does not exist`);
  if (key) store.delete(key.id);
  return { return: true, keyPairId: key?.id };
};
