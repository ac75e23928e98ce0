# A base image, published to tsbuild's registry (TSBUILD_REGISTRY_URL, TSBUILD_REGISTRY_TOKEN) and assigned to its
# "dev" channel. app.pkr.hcl builds on whatever image that channel serves.

variable "from" {
  type        = string
  default     = "tsbuild-test/busybox:latest"
  description = "The image to start from (scripts/setup-docker.sh makes this one offline)."
}

variable "repository" {
  type        = string
  default     = "tsbuild-example/base"
  description = "Where the image is tagged."
}

variable "release" {
  type        = string
  default     = "1"
  description = "Written into the image, to tell versions apart."
}

source "docker" "base" {
  image  = var.from
  pull   = false
  commit = true
}

hcp_packer_registry {
  bucket_name   = "example-base"
  description   = "Base image of the registry example"
  bucket_labels = { example = "registry" }
  channels      = ["dev"]
}

build {
  sources = ["source.docker.base"]

  provisioner "shell" {
    inline = ["echo 'base release ${var.release}' > /etc/base-release"]
  }

  post-processor "docker-tag" {
    repository = var.repository
    tags       = [var.release]
  }
}
