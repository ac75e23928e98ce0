import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { block, declareConfig, opt, type ConfigOf, type ConfigProblem, type ValidateContext } from '../../src/plugin/config.js';
import { sshOptions, validateSsh } from '../../src/communicator/ssh/options.js';
import { checkGcpAccess, gcpAccessOptions } from '../../src/providers/gcp/access-config.js';
import { parseDuration } from '../../src/template/duration.js';

const rejectedWinrm = 'Rejected: tsbuild has no WinRM communicator.';

const googlecomputeOptions = {
  ...gcpAccessOptions,
  zone: opt.string('The zone the instance runs in, such as us-central1-a.'),
  source_image: opt.string('The image the instance boots from, by name.'),
  source_image_family: opt.string('The family whose newest image the instance boots from (when source_image is not set).'),
  source_image_project_id: opt.strings('The projects to look for the source image in, in order (default: project_id).').default([]),
  machine_type: opt.string('The machine type.').defaultIfEmpty('e2-standard-2'),
  disk_size: opt.number('The boot disk\'s size in GB.').defaultIfEmpty(20),
  disk_type: opt.string('The boot disk\'s type: pd-standard, pd-ssd, pd-balanced...').defaultIfEmpty('pd-standard'),
  disk_name: opt.string('The boot disk\'s name (default: the instance\'s name).'),
  instance_name: opt.string('The instance\'s name (default: packer-<uuid>).'),
  network: opt.string('The network (default: "default" when no subnetwork is given).'),
  subnetwork: opt.string('The subnetwork; required for custom-mode networks.'),
  network_project_id: opt.string('The project of the network and subnetwork, for a shared VPC (default: project_id).'),
  address: opt.string('A reserved external address for the instance.'),
  tags: opt.strings('Network tags of the instance.').default([]),
  labels: opt.stringMap('Labels of the instance and its disk.').default({}),
  metadata: opt.stringMap('Metadata of the instance.').default({}),
  metadata_files: opt.stringMap('Metadata of the instance read from files: key -> path.').default({}),
  startup_script_file: opt.string('A startup script for the instance; the build waits until it has run.'),
  wrap_startup_script: opt.bool('Runs the startup script in a wrapper that reports when it ends (default true with startup_script_file).'),
  preemptible: opt.bool('Makes the instance preemptible.').default(false),
  on_host_maintenance: opt.string('MIGRATE or TERMINATE (default MIGRATE; TERMINATE when preemptible).'),
  service_account_email: opt.string('The service account the instance runs as (default: the project\'s default).'),
  disable_default_service_account: opt.bool('Runs the instance with no service account.').default(false),
  use_internal_ip: opt.bool('Connects to the instance\'s internal address.').default(false),
  omit_external_ip: opt.bool('Gives the instance no external address (needs use_internal_ip).').default(false),
  use_os_login: opt.bool('Imports the temporary SSH key into the OS Login profile of the credentials\' service account (or impersonate_service_account) and sets enable-oslogin=TRUE on the instance, instead of ssh-keys (default: metadata\'s enable-oslogin, else false).'),
  oslogin_ssh_username: opt.string('With use_os_login, the user SSH logs in as: "" or "__auto__" for the login profile\'s POSIX username, "__external__" for it prefixed with ext_, or a name.'),
  oslogin_ssh_key_expire_after: opt.string('With use_os_login, makes the imported key expire after this long ("1h"); it is deleted at the end of the build anyway.'),
  enable_secure_boot: opt.bool('Boots the instance with Secure Boot (the source image must be UEFI compatible).').default(false),
  enable_vtpm: opt.bool('Gives the instance a virtual TPM.').default(false),
  enable_integrity_monitoring: opt.bool('Turns on integrity monitoring (needs enable_vtpm).').default(false),
  min_cpu_platform: opt.string('The minimum CPU platform, such as "Intel Skylake".'),
  state_timeout: opt.string('How long to wait for the instance and image operations (default "5m").'),
  image_name: opt.string('The image\'s name (default: packer-{{timestamp}}).'),
  image_family: opt.string('The family of the image.'),
  image_description: opt.string('The image\'s description.').defaultIfEmpty('Created by Packer'),
  image_labels: opt.stringMap('Labels of the image.').default({}),
  image_licenses: opt.strings('Licenses of the image.').default([]),
  image_storage_locations: opt.strings('Where the image is stored: one region or multi-region (default: the zone\'s multi-region).').default([]),
  image_guest_os_features: opt.strings('Guest OS features of the image: UEFI_COMPATIBLE, GVNIC...').default([]),
  image_encryption_key: block('The key the image is encrypted with (customer-supplied or Cloud KMS).', {
    kmsKeyName: opt.string('A Cloud KMS key: projects/P/locations/L/keyRings/R/cryptoKeys/K.'),
    rawKey: opt.string('A customer-supplied key, base64 (RFC 4648).').sensitive(),
  }),
  skip_create_image: opt.bool('Provisions the instance but creates no image (to test provisioning).').default(false),
  communicator: opt.string('"ssh" (default) to provision over SSH, or "none" to make an image without provisioning.').defaultIfEmpty('ssh'),
  ...sshOptions,
  winrm_username: opt.string(rejectedWinrm),
  winrm_password: opt.string(rejectedWinrm).sensitive(),
};

export type GooglecomputeConfig = ConfigOf<typeof googlecomputeOptions>;

const IMAGE_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_KEY = /^\p{Ll}[\p{Ll}0-9_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}0-9_-]{0,63}$/u;

const imageErrorText = (what: string, value: string) =>
  `Invalid image ${what} ${JSON.stringify(value)}: The first character must be a lowercase letter, and all following characters must be a dash, lowercase letter, or digit, except the last character, which cannot be a dash`;

function checkScheduling(c: GooglecomputeConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (!c.enable_vtpm && c.enable_integrity_monitoring) out.push({ message: 'You cannot enable Integrity Monitoring when vTPM is disabled.', attribute: 'enable_integrity_monitoring' });
  if (c.on_host_maintenance === 'MIGRATE' && c.preemptible) out.push({ message: 'on_host_maintenance must be TERMINATE when using preemptible instances.', attribute: 'on_host_maintenance' });
  if (c.on_host_maintenance !== undefined && c.on_host_maintenance !== 'MIGRATE' && c.on_host_maintenance !== 'TERMINATE') {
    out.push({ message: 'on_host_maintenance must be one of MIGRATE or TERMINATE.', attribute: 'on_host_maintenance' });
  }
  return out;
}

function checkImage(c: GooglecomputeConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  // The default name, packer-{{timestamp}}, is valid; a given one is checked once rendered.
  if (c.image_name !== undefined) {
    if (!IMAGE_NAME.test(c.image_name)) out.push({ message: imageErrorText('name', c.image_name), attribute: 'image_name' });
    if (c.image_name.length > 63) out.push({ message: 'Invalid image name: Must not be longer than 63 characters', attribute: 'image_name' });
  }
  if (c.image_family) {
    if (c.image_family.length > 63) out.push({ message: 'Invalid image family: Must not be longer than 63 characters', attribute: 'image_family' });
    if (!IMAGE_NAME.test(c.image_family)) out.push({ message: imageErrorText('family', c.image_family), attribute: 'image_family' });
  }
  if (c.image_storage_locations.length > 1) out.push({ message: 'Invalid image storage locations: Must not have more than 1 region', attribute: 'image_storage_locations' });
  for (const [key, value] of Object.entries(c.image_labels)) {
    if (!LABEL_KEY.test(key)) out.push({ message: `key ${JSON.stringify(key)} must match regex "${LABEL_KEY.source}"`, attribute: 'image_labels' });
    if (!LABEL_VALUE.test(value)) out.push({ message: `value ${JSON.stringify(value)} for key ${JSON.stringify(key)} must match regex "${LABEL_VALUE.source}"`, attribute: 'image_labels' });
  }
  const key = c.image_encryption_key;
  if (key && Boolean(key.kmsKeyName) === Boolean(key.rawKey)) out.push({ message: 'image_encryption_key needs exactly one of kmsKeyName and rawKey' });
  return out;
}

function checkInstance(c: GooglecomputeConfig, ctx: ValidateContext): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (c.instance_name !== undefined && !IMAGE_NAME.test(c.instance_name)) out.push({ message: `Invalid instance name ${JSON.stringify(c.instance_name)}: it must match ${IMAGE_NAME.source}`, attribute: 'instance_name' });
  if (!c.source_image && !c.source_image_family) out.push({ message: 'a source_image or source_image_family must be specified' });
  if (!c.zone) out.push({ message: 'a zone must be specified', attribute: 'zone' });
  if (c.omit_external_ip && c.address) out.push({ message: "you can not specify an external address when 'omit_external_ip' is true", attribute: 'address' });
  if (c.omit_external_ip && !c.use_internal_ip) out.push({ message: "'use_internal_ip' must be true if 'omit_external_ip' is true", attribute: 'omit_external_ip' });
  if (c.disable_default_service_account && c.service_account_email) {
    out.push({ message: "you may not specify a 'service_account_email' when 'disable_default_service_account' is true", attribute: 'service_account_email' });
  }
  if (c.startup_script_file && !existsSync(resolve(ctx.cwd, c.startup_script_file))) {
    out.push({ message: `startup_script_file: stat ${c.startup_script_file}: no such file or directory`, attribute: 'startup_script_file' });
  }
  for (const [key, path] of Object.entries(c.metadata_files)) {
    if (!existsSync(resolve(ctx.cwd, path))) out.push({ message: `metadata_files: ${key}: open ${path}: no such file or directory`, attribute: 'metadata_files' });
  }
  if (c.state_timeout !== undefined && parseDuration(c.state_timeout) === undefined) {
    out.push({ message: `error decoding 'state_timeout': time: invalid duration "${c.state_timeout}"`, attribute: 'state_timeout' });
  }
  if (c.oslogin_ssh_key_expire_after !== undefined && parseDuration(c.oslogin_ssh_key_expire_after) === undefined) {
    out.push({ message: `error decoding 'oslogin_ssh_key_expire_after': time: invalid duration "${c.oslogin_ssh_key_expire_after}"`, attribute: 'oslogin_ssh_key_expire_after' });
  }
  return out;
}

function checkCommunicator(c: GooglecomputeConfig, ctx: ValidateContext): ConfigProblem[] {
  if (c.communicator === 'winrm' || c.winrm_username !== undefined || c.winrm_password !== undefined) {
    return [{ summary: 'The winrm communicator is not available', message: 'tsbuild connects to instances over SSH only: it has no WinRM communicator (communicator = "winrm", winrm_* options).' }];
  }
  if (c.communicator === 'none') return [];
  if (c.communicator !== 'ssh') return [{ message: `communicator must be "ssh" or "none" for the googlecompute builder; got ${JSON.stringify(c.communicator)}`, attribute: 'communicator' }];
  return validateSsh(c, ctx);
}

/** Packer's Prepare of googlecompute, in its order: scheduling, image, communicator, project, source, zone, credentials, the rest. */
function checkGooglecompute(c: GooglecomputeConfig, ctx: ValidateContext): ConfigProblem[] {
  const access = checkGcpAccess(c, ctx);
  const project = access.filter((p) => p.attribute === 'project_id');
  const instance = checkInstance(c, ctx);
  const [early, late] = [instance.filter((p) => !p.attribute || p.attribute === 'zone'), instance.filter((p) => p.attribute && p.attribute !== 'zone')];
  return [...checkScheduling(c), ...checkImage(c), ...checkCommunicator(c, ctx), ...project, ...early, ...access.filter((p) => p.attribute !== 'project_id'), ...late];
}

/** googlecompute's settings, defaults and checks, as Packer's googlecompute plugin documents them. */
export const googlecomputeConfig = declareConfig(googlecomputeOptions, checkGooglecompute);
