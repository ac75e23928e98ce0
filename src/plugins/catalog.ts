// Plugin type names that Packer users' templates may name: those of tsbuild's own plugins and those of the
// official and widely used community Packer plugins. A name outside these lists is an unknown type (a typo, most
// often); a name inside them that tsbuild does not implement is reported as not available, not as unknown.

export type PluginKind = 'builder' | 'provisioner' | 'post-processor' | 'data';

export const PACKER_PLUGIN_TYPES: Record<PluginKind, readonly string[]> = {
  builder: [
    'null', 'file', 'docker', 'amazon-ebs', 'amazon-ebssurrogate', 'amazon-ebsvolume', 'amazon-instance', 'amazon-chroot',
    'azure-arm', 'azure-chroot', 'azure-dtl', 'googlecompute', 'vmware-iso', 'vmware-vmx', 'virtualbox-iso',
    'virtualbox-ovf', 'virtualbox-vm', 'qemu', 'hyperv-iso', 'hyperv-vmcx', 'parallels-iso', 'parallels-pvm',
    'parallels-ipsw', 'vsphere-iso', 'vsphere-clone', 'vsphere-supervisor', 'utm-iso', 'utm-utm', 'utm-cloud',
    'digitalocean', 'hcloud', 'linode', 'oracle-oci', 'oracle-classic', 'openstack', 'proxmox-iso', 'proxmox-clone',
    'lxd', 'lxc', 'scaleway', 'vagrant', 'alicloud-ecs', 'tencentcloud-cvm', 'ucloud-uhost', 'yandex', 'tart',
    'cloudstack', 'outscale-bsu', 'ncloud', 'jdcloud', 'profitbricks', 'triton', 'hyperone', 'huaweicloud-ecs',
    'osc-bsu', 'nutanix', 'incus', 'arm-image', 'vultr', 'exoscale', 'gridscale', 'upcloud', 'kamatera',
  ],
  provisioner: [
    'shell', 'shell-local', 'file', 'ansible', 'ansible-local', 'powershell', 'windows-shell', 'windows-restart',
    'windows-update', 'breakpoint', 'chef-solo', 'chef-client', 'puppet-masterless', 'puppet-server',
    'salt-masterless', 'inspec', 'converge', 'sleep', 'goss', 'hcp-sbom',
  ],
  'post-processor': [
    'manifest', 'artifice', 'compress', 'checksum', 'shell-local', 'docker-tag', 'docker-push', 'docker-import',
    'docker-save', 'amazon-import', 'vagrant', 'vagrant-cloud', 'vagrant-registry', 'utm-vagrant',
    'googlecompute-import', 'googlecompute-export', 'vsphere', 'vsphere-template', 'alicloud-import',
    'digitalocean-import', 'exoscale-import', 'ucloud-import', 'yandex-export', 'yandex-import',
  ],
  data: [
    'null', 'amazon-ami', 'amazon-secretsmanager', 'amazon-parameterstore', 'http', 'git-repository', 'git-commit',
    'git-tree', 'host-info', 'hcp-packer-version', 'hcp-packer-artifact', 'hcp-packer-iteration', 'hcp-packer-image',
    'sshkey', 'azure-keyvaultsecret', 'googlecompute-image', 'vsphere-virtualmachine', 'external', 'external-raw',
  ],
};

export function isKnownPluginType(kind: PluginKind, type: string): boolean {
  return PACKER_PLUGIN_TYPES[kind].includes(type);
}
