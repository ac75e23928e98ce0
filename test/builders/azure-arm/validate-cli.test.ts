// tsbuild validate of azure-arm templates against Packer 1.6.6's (no Azure call is made while validating).

import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { needs, packer } from '../../support/needs.js';
import { jsonTemplateDir, packerFirstError, packerPrepareError, squash, validateLikePacker } from '../../support/validate-compare.js';

/** The smallest azure-arm configuration Packer accepts: a service principal, a marketplace image, a managed image. */
const BASE: Record<string, unknown> = {
  type: 'azure-arm',
  client_id: 'c1',
  client_secret: 's3cret',
  subscription_id: 'sub',
  tenant_id: 'tenant',
  image_publisher: 'Canonical',
  image_offer: 'UbuntuServer',
  image_sku: '18.04-LTS',
  os_type: 'Linux',
  location: 'westus',
  managed_image_name: 'img',
  managed_image_resource_group_name: 'rg',
};

const templateDir = (over: Record<string, unknown>) => jsonTemplateDir('tsbuild-azure-', BASE, over);

/** Packer's first error: the first `* ` item of its MultiError, else the paragraph after "Failed to prepare build". */
const firstError = (out: string) => packerFirstError(out) ?? packerPrepareError(out);

/** Every error message tsbuild printed, squashed. */
const ours = (out: string) => squash(out);

const CASES: [string, Record<string, unknown>][] = [
  ['valid', {}],
  ['valid with a build resource group', { location: undefined, build_resource_group_name: 'build-rg' }],
  ['valid from a custom managed image', { image_publisher: undefined, image_offer: undefined, image_sku: undefined, custom_managed_image_name: 'base', custom_managed_image_resource_group_name: 'rg' }],
  ['valid with managed identity', { client_id: undefined, client_secret: undefined, subscription_id: undefined, tenant_id: undefined }],
  ['no client_secret', { client_secret: undefined }],
  ['no managed image', { managed_image_name: undefined }],
  ['no managed image group', { managed_image_resource_group_name: undefined }],
  ['location and build_resource_group_name', { build_resource_group_name: 'build-rg' }],
  ['temp and build resource groups', { location: undefined, build_resource_group_name: 'b', temp_resource_group_name: 't' }],
  ['no image_sku', { image_sku: undefined }],
  ['marketplace and custom image', { custom_managed_image_name: 'base', custom_managed_image_resource_group_name: 'rg' }],
  ['no os_type', { os_type: undefined }],
  ['bad os_type', { os_type: 'Plan9' }],
  ['bad managed_image_name', { managed_image_name: 'img-' }],
  ['bad storage account type', { managed_image_storage_account_type: 'Ultra' }],
  ['bad disk_caching_type', { disk_caching_type: 'Sometimes' }],
  ['subnet without network', { virtual_network_subnet_name: 'default' }],
  ['gallery destination without version', { shared_image_gallery_destination: { resource_group: 'g', gallery_name: 'gal', image_name: 'i', replication_regions: ['westus'] } }],
  ['unknown cloud', { cloud_environment_name: 'Moon' }],
  ['gallery source without subscription', { image_publisher: undefined, image_offer: undefined, image_sku: undefined, shared_image_gallery: { resource_group: 'g', gallery_name: 'gal', image_name: 'i' } }],
  ['an unknown option', { image_uri: 'x' }],
];

describe.concurrent('tsbuild validate of azure-arm templates', () => {
  needs(packer).each(CASES)('%s: same exit code and first error as Packer 1.6.6', async (_name, over) => {
    const dir = templateDir(over);
    const { ours: mine, want } = await validateLikePacker(dir, { packerEnv: { HOME: dir }, firstError });
    if (want === undefined) return;
    expect(ours(mine.stdout + mine.stderr)).toContain(want);
    expect(mine.stdout + mine.stderr).not.toContain('s3cret');
  });

  it.each([
    ['a VHD destination', { managed_image_name: undefined, managed_image_resource_group_name: undefined, storage_account: 'sa', resource_group_name: 'rg', capture_container_name: 'c', capture_name_prefix: 'p' }, 'tsbuild makes managed images only'],
    ['Windows', { os_type: 'Windows' }, 'needs the WinRM communicator'],
    ['device login', { client_id: undefined, client_secret: undefined, tenant_id: undefined }, 'Interactive (device code) login is not supported by tsbuild'],
    ['the German cloud', { cloud_environment_name: 'Germany' }, 'the Azure Germany cloud was closed'],
  ])('rejects what tsbuild cannot do, and says so: %s', async (_name, over, message) => {
    const r = await runCli(['validate', 't.json'], { cwd: templateDir(over) });
    expect(r.code).toBe(1);
    expect(ours(r.stdout + r.stderr)).toContain(message);
  });
});
