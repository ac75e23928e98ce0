# An application image built FROM the image the "dev" channel of the base bucket serves, and published to its own
# bucket. The registry records the base version as its parent: `tsbuild registry` and the ancestry route tell when
# the channel moves on (OUT_OF_DATE), and a revoked base version stops this build before anything is created.

variable "repository" {
  type        = string
  default     = "tsbuild-example/app"
  description = "Where the image is tagged."
}

data "hcp-packer-version" "base" {
  bucket_name  = "example-base"
  channel_name = "dev"
}

data "hcp-packer-artifact" "base" {
  bucket_name         = data.hcp-packer-version.base.bucket_name
  version_fingerprint = data.hcp-packer-version.base.fingerprint
  platform            = "docker"
  region              = "docker"
}

source "docker" "app" {
  image  = data.hcp-packer-artifact.base.external_identifier
  pull   = false
  commit = true
}

hcp_packer_registry {
  bucket_name = "example-app"
  description = "Application image of the registry example"
  channels    = ["dev"]
}

build {
  sources = ["source.docker.app"]

  provisioner "shell" {
    inline = ["echo 'app on ${data.hcp-packer-version.base.name}' > /etc/app-release"]
  }

  post-processor "docker-tag" {
    repository = var.repository
    tags       = [data.hcp-packer-version.base.name]
  }
}
