import { block, blocks, declareConfig, opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../src/plugin/config.js';
import { sshOptions, validateSsh } from '../../src/communicator/ssh/options.js';
import { azureAccessOptions, checkAzureAccess } from '../../src/providers/azure/access-config.js';

const VHD = 'Rejected: tsbuild makes managed images (managed_image_*), not VHDs in a storage account.';

const azureArmOptions = {
  ...azureAccessOptions,
  // Source
  image_publisher: opt.string('Marketplace image publisher (Canonical).'),
  image_offer: opt.string('Marketplace image offer (0001-com-ubuntu-server-jammy).'),
  image_sku: opt.string('Marketplace image SKU (22_04-lts).'),
  image_version: opt.string('Marketplace image version (default "latest").'),
  image_url: opt.string(VHD),
  custom_managed_image_name: opt.string('A managed image to build from.'),
  custom_managed_image_resource_group_name: opt.string('The resource group of custom_managed_image_name.'),
  shared_image_gallery: block('A Shared Image Gallery image version to build from.', {
    subscription: opt.string('The gallery\'s subscription.'),
    resource_group: opt.string('The gallery\'s resource group.'),
    gallery_name: opt.string('The gallery.'),
    image_name: opt.string('The image definition.'),
    image_version: opt.string('The version (default: the latest).'),
  }),
  os_type: opt.string('Linux (tsbuild has no WinRM communicator for Windows).'),
  vm_size: opt.string('The build VM\'s size.').defaultIfEmpty('Standard_A1'),
  location: opt.string('Where the temporary resource group and VM are made.'),
  build_resource_group_name: opt.string('An existing resource group to build in (instead of a temporary one).'),
  temp_resource_group_name: opt.string('The temporary resource group\'s name (default pkr-Resource-Group-<random>).'),
  temp_compute_name: opt.string('The VM\'s name (default pkrvm<random>).'),
  virtual_network_name: opt.string('An existing virtual network to put the VM in.'),
  virtual_network_subnet_name: opt.string('Its subnet (default: its only subnet).'),
  virtual_network_resource_group_name: opt.string('Its resource group (default: found by name).'),
  private_virtual_network_with_public_ip: opt.bool('Gives the VM a public IP in an existing virtual network.').default(false),
  os_disk_size_gb: opt.number('The OS disk\'s size in GB (default: the image\'s).'),
  disk_additional_size: opt.numbers('Sizes in GB of data disks to attach (and capture with the image).').default([]),
  disk_caching_type: opt.string('None, ReadOnly or ReadWrite (default).'),
  azure_tags: opt.stringMap('Tags put on every resource the build makes, and on the image.').default({}),
  azure_tag: blocks('A tag as a block (HCL2), added to azure_tags.', { name: opt.string('The tag name.').required(), value: opt.string('The tag value.').required() }),
  custom_data_file: opt.string('A file given to the VM as custom data (cloud-init).'),
  user_data_file: opt.string('A file given to the VM as user data.'),
  spot: block('Builds on a spot VM.', {
    eviction_policy: opt.string('Deallocate or Delete.'),
    max_price: opt.number('Highest price per hour (-1 or unset: the on-demand price).'),
  }),
  // Destination
  managed_image_name: opt.string('The managed image to make.'),
  managed_image_resource_group_name: opt.string('The existing resource group it goes in.'),
  managed_image_storage_account_type: opt.string('Standard_LRS (default) or Premium_LRS.'),
  shared_image_gallery_destination: block('Publishes the image to a Shared Image Gallery.', {
    subscription: opt.string('The gallery\'s subscription (default: subscription_id).'),
    resource_group: opt.string('The gallery\'s resource group.'),
    gallery_name: opt.string('The gallery.'),
    image_name: opt.string('The image definition (it must exist).'),
    image_version: opt.string('The version to make (x.y.z).'),
    replication_regions: opt.strings('Regions the version is replicated to (the build location always is).').default([]),
    storage_account_type: opt.string('Standard_LRS (default) or Standard_ZRS.'),
  }),
  shared_gallery_image_version_end_of_life_date: opt.string('The version\'s end of life (RFC 3339 date-time).'),
  shared_image_gallery_replica_count: opt.number('Replicas per region (default 1).'),
  shared_gallery_image_version_exclude_from_latest: opt.bool('Leaves the version out of "latest".').default(false),
  shared_image_gallery_timeout: opt.string('How long to wait for the gallery version (default 60m).'),
  async_resourcegroup_delete: opt.bool('Does not wait for the temporary resource group to be deleted.').default(false),
  capture_container_name: opt.string(VHD),
  capture_name_prefix: opt.string(VHD),
  storage_account: opt.string(VHD),
  resource_group_name: opt.string(VHD),
  communicator: opt.string('"ssh" (default) or "none".').defaultIfEmpty('ssh'),
  ...sshOptions,
  ssh_username: opt.string('The user made on the VM and logged in as (default "packer").').defaultIfEmpty('packer'),
};

export type AzureArmConfig = ConfigOf<typeof azureArmOptions>;

const RG_NAME = /^[-\w._()]+$/;
const MANAGED_NAME = /^[A-Za-z0-9][A-Za-z0-9_\-.]{0,78}[A-Za-z0-9_]$|^[A-Za-z0-9]$/;

function checkSource(c: AzureArmConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const custom = !!(c.custom_managed_image_name || c.custom_managed_image_resource_group_name);
  const gallery = !!c.shared_image_gallery?.gallery_name;
  const platform = !!(c.image_publisher || c.image_offer || c.image_sku);
  if ([!!c.image_url, custom, platform, gallery].filter(Boolean).length > 1) {
    out.push({ message: 'Specify either a VHD (image_url), Image Reference (image_publisher, image_offer, image_sku), a Managed Disk (custom_managed_disk_image_name, custom_managed_disk_resource_group_name), or a Shared Gallery Image (shared_image_gallery)' });
  }
  if (gallery) {
    const g = c.shared_image_gallery!;
    if (!g.subscription) out.push({ message: 'A shared_image_gallery.subscription must be specified' });
    if (!g.resource_group) out.push({ message: 'A shared_image_gallery.resource_group must be specified' });
    if (!g.image_name) out.push({ message: 'A shared_image_gallery.image_name must be specified' });
  } else if (!c.image_url && !c.custom_managed_image_name) {
    if (!c.image_publisher) out.push({ message: 'An image_publisher must be specified' });
    if (!c.image_offer) out.push({ message: 'An image_offer must be specified' });
    if (!c.image_sku) out.push({ message: 'An image_sku must be specified' });
  } else if (!c.image_url && !c.image_publisher) {
    if (!c.custom_managed_image_resource_group_name) out.push({ message: 'A custom_managed_image_resource_group_name must be specified' });
    if (!c.custom_managed_image_name) out.push({ message: 'A custom_managed_image_name must be specified' });
  }
  return out;
}

function checkDestination(c: AzureArmConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (!c.capture_container_name && !c.managed_image_name) out.push({ message: 'A capture_container_name or managed_image_name must be specified' });
  if (!c.capture_name_prefix && !c.managed_image_resource_group_name) out.push({ message: 'A capture_name_prefix or managed_image_resource_group_name must be specified' });
  const vhd = !!(c.storage_account || c.resource_group_name || c.capture_container_name || c.capture_name_prefix || c.image_url);
  if (vhd) out.push({ summary: 'VHD builds are not supported', message: 'tsbuild makes managed images only: image_url, capture_container_name, capture_name_prefix, storage_account and resource_group_name (VHD in a storage account) are not supported; use managed_image_name and managed_image_resource_group_name' });
  if (!c.location === !c.build_resource_group_name) out.push({ message: 'Specify either a location to create the resource group in or an existing build_resource_group_name, but not both.' });
  if (c.temp_resource_group_name && c.build_resource_group_name) {
    out.push({ message: 'The settings temp_resource_group_name and build_resource_group_name cannot both be defined.  Please define one or neither.' });
  }
  for (const key of ['temp_resource_group_name', 'build_resource_group_name', 'managed_image_resource_group_name'] as const) {
    const v = c[key];
    if (v && (!RG_NAME.test(v) || v.endsWith('.'))) out.push({ message: `The setting ${key} must match the regular expression "^[-\\\\w\\\\._\\\\(\\\\)]+$", and not end with a '-' or '.'.`, attribute: key });
  }
  if (c.managed_image_name && !MANAGED_NAME.test(c.managed_image_name)) {
    out.push({ message: 'The setting managed_image_name must match the regular expression "^[A-Za-z0-9_]([A-Za-z0-9_\\\\-\\\\.]{0,78}[A-Za-z0-9_])?$", and not end with a \'-\' or \'.\'.', attribute: 'managed_image_name' });
  }
  const sig = c.shared_image_gallery_destination;
  if (sig?.gallery_name) {
    if (!sig.resource_group) out.push({ message: 'A resource_group must be specified for shared_image_gallery_destination' });
    if (!sig.image_name) out.push({ message: 'An image_name must be specified for shared_image_gallery_destination' });
    if (!sig.image_version) out.push({ message: 'An image_version must be specified for shared_image_gallery_destination' });
    if (sig.replication_regions.length === 0) out.push({ message: 'A list of replication_regions must be specified for shared_image_gallery_destination' });
  }
  if (c.managed_image_storage_account_type && !['Standard_LRS', 'Premium_LRS'].includes(c.managed_image_storage_account_type)) {
    out.push({ message: `The managed_image_storage_account_type ${JSON.stringify(c.managed_image_storage_account_type)} is invalid`, attribute: 'managed_image_storage_account_type' });
  }
  return out;
}

function checkCompute(c: AzureArmConfig, ctx: ValidateContext): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (!c.virtual_network_name && c.virtual_network_resource_group_name) out.push({ message: 'If virtual_network_resource_group_name is specified, so must virtual_network_name' });
  if (!c.virtual_network_name && c.virtual_network_subnet_name) out.push({ message: 'If virtual_network_subnet_name is specified, so must virtual_network_name' });
  if (!c.os_type) out.push({ message: 'An os_type must be specified' });
  else if (c.os_type.toLowerCase() === 'windows') out.push({ summary: 'Windows builds are not supported', message: 'os_type "Windows" needs the WinRM communicator, which tsbuild does not have', attribute: 'os_type' });
  else if (c.os_type.toLowerCase() !== 'linux') out.push({ message: `The os_type ${JSON.stringify(c.os_type)} is invalid`, attribute: 'os_type' });
  if (c.disk_caching_type && !['None', 'ReadOnly', 'ReadWrite'].includes(c.disk_caching_type)) out.push({ message: `The disk_caching_type ${JSON.stringify(c.disk_caching_type)} is invalid`, attribute: 'disk_caching_type' });
  const tags = Object.keys(tagsOf(c)).length;
  if (tags > 15) out.push({ message: `a max of 15 tags are supported, but ${tags} were provided` });
  if (c.spot?.eviction_policy && !['Deallocate', 'Delete'].includes(c.spot.eviction_policy)) out.push({ message: `The spot.eviction_policy ${JSON.stringify(c.spot.eviction_policy)} is invalid: Deallocate or Delete` });
  if (c.communicator === 'none') return out;
  if (c.communicator !== 'ssh') return [...out, { message: `communicator must be "ssh" or "none" for the azure-arm builder; got ${JSON.stringify(c.communicator)}`, attribute: 'communicator' }];
  for (const key of ['ssh_keypair_name', 'ssh_agent_auth'] as const) {
    if (c[key]) out.push({ message: `${key} is not supported by the azure-arm builder: the VM trusts the key its osProfile gives (a temporary one, or ssh_private_key_file's)`, attribute: key });
  }
  return [...out, ...validateSsh(c, ctx)];
}

/** Packer's Prepare of azure-arm: authentication, capture, source, deployment, then the communicator. */
function checkAzureArm(c: AzureArmConfig, ctx: ValidateContext): ConfigProblem[] {
  return [...checkAzureAccess(c, ctx), ...checkDestination(c), ...checkSource(c), ...checkCompute(c, ctx)];
}

/** azure-arm's settings, defaults and checks, as Packer's azure plugin documents them. */
export const azureArmConfig = declareConfig(azureArmOptions, checkAzureArm);

/** The tags of every resource and image: `azure_tags`, then each `azure_tag` block (a later one wins, as in Packer). */
export function tagsOf(c: Pick<AzureArmConfig, 'azure_tags' | 'azure_tag'>): Record<string, string> {
  return { ...c.azure_tags, ...Object.fromEntries((c.azure_tag ?? []).map((t) => [t.name, t.value])) };
}
