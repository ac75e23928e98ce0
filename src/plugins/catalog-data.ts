// The plugin types Packer templates may name, one per line, grouped by the plugin that provides them.
//
// Compiled from the plugins' own documentation: the Packer integrations portal
// (https://developer.hashicorp.com/packer/integrations: official, partner and community plugins), each plugin
// repository's docs/ folder and main.go (which component names it registers), Packer's documentation of its built-in
// components, and the plugins Packer 1.6.6 bundled (checked against /usr/bin/packer where Debian's build has them).
//
// Format: `plugin NAME WHERE` starts a plugin (WHERE: its repository or documentation); each following line is
// `KIND TYPE`, KIND one of builder, provisioner, post-processor, data. A component's type is `<plugin>-<component>`,
// or `<plugin>` for the plugin's default component. `#` starts a comment. Archived plugins and older names stay
// listed: templates in use still name them.

export const PLUGIN_CATALOG = `
plugin packer                 developer.hashicorp.com/packer/docs (built into Packer)
builder         file
builder         null
provisioner     breakpoint
provisioner     file
provisioner     hcp-sbom
provisioner     powershell
provisioner     shell
provisioner     shell-local
provisioner     sleep
provisioner     windows-restart
provisioner     windows-shell
post-processor  artifice
post-processor  checksum
post-processor  compress
post-processor  manifest
post-processor  shell-local
data            http
data            null
data            hcp-packer-artifact
data            hcp-packer-version
data            hcp-packer-image          # deprecated
data            hcp-packer-iteration      # deprecated

# --- HashiCorp plugins (github.com/hashicorp/packer-plugin-*) ---

plugin alicloud               github.com/hashicorp/packer-plugin-alicloud
builder         alicloud-ecs
post-processor  alicloud-import

plugin amazon                 github.com/hashicorp/packer-plugin-amazon
builder         amazon-chroot
builder         amazon-ebs
builder         amazon-ebssurrogate
builder         amazon-ebsvolume
builder         amazon-instance
post-processor  amazon-import
data            amazon-ami
data            amazon-parameterstore
data            amazon-secretsmanager

plugin ansible                github.com/hashicorp/packer-plugin-ansible
provisioner     ansible
provisioner     ansible-local

plugin azure                  github.com/hashicorp/packer-plugin-azure
builder         azure-arm
builder         azure-chroot
builder         azure-dtl
provisioner     azure-dtlartifact
data            azure-keyvaultsecret

plugin chef                   github.com/hashicorp/packer-plugin-chef (archived)
provisioner     chef-client
provisioner     chef-solo

plugin cloudstack             github.com/hashicorp/packer-plugin-cloudstack
builder         cloudstack

plugin converge               github.com/hashicorp/packer-plugin-converge (archived)
provisioner     converge

plugin docker                 github.com/hashicorp/packer-plugin-docker
builder         docker
post-processor  docker-import
post-processor  docker-push
post-processor  docker-save
post-processor  docker-tag

plugin googlecompute          github.com/hashicorp/packer-plugin-googlecompute
builder         googlecompute
post-processor  googlecompute-export
post-processor  googlecompute-import
data            googlecompute-image
data            googlecompute-parametermanager
data            googlecompute-secretsmanager

plugin hashicups              github.com/hashicorp/packer-plugin-hashicups
builder         hashicups-order
provisioner     hashicups-toppings
post-processor  hashicups-receipt
data            hashicups-coffees
data            hashicups-ingredients

plugin hyperone               github.com/hashicorp/packer-plugin-hyperone
builder         hyperone

plugin hyperv                 github.com/hashicorp/packer-plugin-hyperv
builder         hyperv-iso
builder         hyperv-vmcx

plugin inspec                 github.com/hashicorp/packer-plugin-inspec (archived)
provisioner     inspec

plugin jdcloud                github.com/hashicorp/packer-plugin-jdcloud
builder         jdcloud

plugin kubevirt               github.com/hashicorp/packer-plugin-kubevirt
builder         kubevirt-iso

plugin lxc                    github.com/hashicorp/packer-plugin-lxc
builder         lxc

plugin lxd                    github.com/hashicorp/packer-plugin-lxd
builder         lxd

plugin ncloud                 github.com/hashicorp/packer-plugin-ncloud
builder         ncloud

plugin oneandone              github.com/hashicorp/packer-plugin-oneandone
builder         oneandone

plugin openstack              github.com/hashicorp/packer-plugin-openstack
builder         openstack

plugin oracle                 github.com/hashicorp/packer-plugin-oracle
builder         oracle-classic
builder         oracle-oci

plugin profitbricks           github.com/hashicorp/packer-plugin-profitbricks
builder         profitbricks

plugin proxmox                github.com/hashicorp/packer-plugin-proxmox
builder         proxmox                   # the default component: proxmox-iso under its older name
builder         proxmox-clone
builder         proxmox-iso
data            proxmox-template
data            proxmox-virtualmachine

plugin puppet                 github.com/hashicorp/packer-plugin-puppet (archived)
provisioner     puppet-masterless
provisioner     puppet-server

plugin qemu                   github.com/hashicorp/packer-plugin-qemu
builder         qemu

plugin salt                   github.com/hashicorp/packer-plugin-salt (archived)
provisioner     salt-masterless

plugin tencentcloud           github.com/hashicorp/packer-plugin-tencentcloud
builder         tencentcloud-cvm

plugin triton                 github.com/hashicorp/packer-plugin-triton
builder         triton

plugin vagrant                github.com/hashicorp/packer-plugin-vagrant
builder         vagrant
post-processor  vagrant
post-processor  vagrant-cloud
post-processor  vagrant-registry

plugin virtualbox             github.com/hashicorp/packer-plugin-virtualbox
builder         virtualbox-iso
builder         virtualbox-ovf
builder         virtualbox-vm

plugin vmware                 github.com/hashicorp/packer-plugin-vmware
builder         vmware-iso
builder         vmware-vmx

plugin vsphere                github.com/hashicorp/packer-plugin-vsphere (now github.com/vmware/packer-plugin-vsphere)
builder         vsphere-clone
builder         vsphere-iso
builder         vsphere-supervisor
post-processor  vsphere
post-processor  vsphere-template
data            vsphere-virtualmachine

plugin yandex                 github.com/hashicorp/packer-plugin-yandex
builder         yandex
post-processor  yandex-export
post-processor  yandex-import

# --- Partner and community plugins ---

plugin amazon-ami-management  github.com/wata727/packer-plugin-amazon-ami-management
post-processor  amazon-ami-management

plugin ami-copy               github.com/martinbaillie/packer-plugin-ami-copy
post-processor  ami-copy

plugin ansible-navigator      github.com/SolomonHD/packer-plugin-ansible-navigator
provisioner     ansible-navigator
provisioner     ansible-navigator-remote

plugin arm                    github.com/mkaczanowski/packer-plugin-builder-arm
builder         arm

plugin arm-image              github.com/solo-io/packer-plugin-arm-image
builder         arm-image

plugin citrix                 github.com/citrix/packer-plugin-citrix
builder         citrix-applayering
provisioner     citrix-layerartifact

plugin cnspec                 github.com/mondoohq/packer-plugin-cnspec
provisioner     cnspec

plugin comment                github.com/SwampDragons/packer-provisioner-comment
provisioner     comment

plugin digitalocean           github.com/digitalocean/packer-plugin-digitalocean
builder         digitalocean
post-processor  digitalocean-import
data            digitalocean-image

plugin exoscale               github.com/exoscale/packer-plugin-exoscale
builder         exoscale
post-processor  exoscale-import

plugin external               github.com/joomcode/packer-plugin-external
data            external
data            external-json
data            external-raw

plugin git                    github.com/ethanmdavidson/packer-plugin-git
data            git-commit
data            git-repository
data            git-tree

plugin goss                   github.com/YaleUniversity/packer-plugin-goss
provisioner     goss

plugin gridscale              github.com/gridscale/packer-plugin-gridscale
builder         gridscale

plugin hcloud                 github.com/hetznercloud/packer-plugin-hcloud
builder         hcloud

plugin host-info              github.com/Stromweld/packer-plugin-host-info
data            host-info

plugin huaweicloud            github.com/huaweicloud/packer-plugin-huaweicloud
builder         huaweicloud-ecs

plugin ibmcloud               github.com/IBM/packer-plugin-ibmcloud
builder         ibmcloud-classic
builder         ibmcloud-vpc

plugin incus                  github.com/bketelsen/packer-plugin-incus
builder         incus

plugin infisical              github.com/Infisical/packer-plugin-infisical
data            infisical-secrets

plugin ionoscloud             github.com/ionos-cloud/packer-plugin-ionoscloud
builder         ionoscloud

plugin kamatera               github.com/Kamatera/packer-plugin-kamatera
builder         kamatera

plugin ksyun                  github.com/kingsoftcloud/packer-plugin-ksyun
builder         ksyun-epc
builder         ksyun-kec
data            ksyun-kmi

plugin libvirt                github.com/thomasklein94/packer-plugin-libvirt
builder         libvirt

plugin linode                 github.com/linode/packer-plugin-linode
builder         linode
data            linode-image

plugin macstadium-orka        github.com/macstadium/packer-plugin-macstadium-orka
builder         macstadium-orka

plugin mondoo                 github.com/mondoohq/packer-plugin-mondoo (renamed cnspec)
provisioner     mondoo

plugin mws                    github.com/mws-cloud-platform/packer-plugin-mws
builder         mws

plugin nebius                 github.com/nebius/packer-plugin-nebius
builder         nebius-image

plugin numspot                github.com/numspot/packer-plugin-numspot
builder         numspot-bsu

plugin nutanix                github.com/nutanix-cloud-native/packer-plugin-nutanix
builder         nutanix

plugin osc                    Packer 1.6 bundled the Outscale builders under these names
builder         osc-bsu
builder         osc-bsusurrogate
builder         osc-bsuvolume
builder         osc-chroot

plugin outscale               github.com/outscale/packer-plugin-outscale
builder         outscale-bsu
builder         outscale-bsusurrogate
builder         outscale-bsuvolume
builder         outscale-chroot
data            outscale-omi

plugin oxide                  github.com/oxidecomputer/packer-plugin-oxide
builder         oxide-instance
post-processor  oxide-image-promote
data            oxide-image

plugin parallels              github.com/Parallels/packer-plugin-parallels
builder         parallels-ipsw
builder         parallels-iso
builder         parallels-macvm
builder         parallels-pvm

plugin powervs                github.com/ppc64le-cloud/packer-plugin-powervs
builder         powervs
provisioner     powervs
post-processor  powervs
data            powervs

plugin s3                     github.com/spacechunks/packer-plugin-s3
provisioner     s3

plugin sakuracloud            github.com/sacloud/packer-plugin-sakuracloud
builder         sakuracloud

plugin scaleway               github.com/scaleway/packer-plugin-scaleway
builder         scaleway

plugin sshkey                 github.com/ivoronin/packer-plugin-sshkey
data            sshkey

plugin tart                   github.com/cirruslabs/packer-plugin-tart
builder         tart

plugin testinfra              github.com/mschuchard/packer-plugin-testinfra
provisioner     testinfra

plugin ucloud                 github.com/ucloud/packer-plugin-ucloud
builder         ucloud-uhost
post-processor  ucloud-import

plugin upcloud                github.com/UpCloudLtd/packer-plugin-upcloud
builder         upcloud
post-processor  upcloud-import

plugin utm                    github.com/naveenrajm7/packer-plugin-utm
builder         utm-cloud
builder         utm-iso
builder         utm-utm
post-processor  utm-vagrant
post-processor  utm-zip

plugin veertu-anka            github.com/veertuinc/packer-plugin-veertu-anka
builder         veertu-anka               # the single builder of the plugin's earlier releases
builder         veertu-anka-vm-clone
builder         veertu-anka-vm-create
post-processor  veertu-anka-registry-push

plugin vergeio                github.com/verge-io/packer-plugin-vergeio
builder         vergeio
data            vergeio-networks
data            vergeio-vms

plugin volcengine             github.com/volcengine/packer-plugin-volcengine
builder         volcengine-ecs

plugin vultr                  github.com/vultr/packer-plugin-vultr
builder         vultr

plugin windows-update         github.com/rgl/packer-plugin-windows-update
provisioner     windows-update

plugin xelon                  github.com/Xelon-AG/packer-plugin-xelon
builder         xelon
data            xelon-network
data            xelon-template

plugin xenserver              github.com/xenserver/packer-plugin-xenserver
builder         xenserver-clone
builder         xenserver-iso
builder         xenserver-xva

plugin zstack                 github.com/zstackio/packer-plugin-zstack
builder         zstack
`;
