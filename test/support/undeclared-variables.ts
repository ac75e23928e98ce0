// A template whose plugin configurations refer to seven variables it does not declare, in plugins tsbuild does not
// have and Packer 1.6.6 has (and one tsbuild has): three in an azure-arm source (one in a nested block), two in a powershell provisioner,
// two in a vagrant-cloud post-processor.

/** The provisioner and post-processor blocks, closing the build block. */
export const UNAVAILABLE_PLUGIN_BLOCKS = `  provisioner "powershell" {
    inline = ["echo \${var.one}", "echo \${var.two}"]
  }

  post-processor "vagrant-cloud" {
    box_tag      = var.box_tag
    access_token = var.token
  }
}
`;

export const SEVEN_UNDECLARED = `variable "region" {
  default = "westeurope"
}

source "azure-arm" "x" {
  client_id       = var.client_id
  client_secret   = var.client_secret
  location        = var.region
  os_type         = "Linux"

  azure_tag {
    name  = "owner"
    value = var.owner
  }
}

build {
  sources = ["source.azure-arm.x"]

${UNAVAILABLE_PLUGIN_BLOCKS}`;

/** `line:column name` of each of the seven, in source order. */
export const SEVEN_UNDECLARED_AT = ['6:25 client_id', '7:25 client_secret', '13:17 owner', '21:27 one', '21:46 two', '25:24 box_tag', '26:24 token'];
