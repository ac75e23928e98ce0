# Post-processor chains without any cloud: each build is packaged by a local script, swapped for the
# package with artifice (the input file is then removed), and every artifact is recorded in a manifest.

variable "version" {
  type    = string
  default = "1.0.0"
}

source "file" "config" {
  content = "version=${var.version}\n"
  target  = "build/app.conf"
}

source "null" "checks" {
  communicator = "none"
}

build {
  name    = "release"
  sources = ["source.file.config", "source.null.checks"]

  provisioner "shell-local" {
    inline = ["echo checking ${source.name} for ${build.name}"]
  }

  post-processors {
    post-processor "shell-local" {
      inline = ["mkdir -p dist", "echo package of $PACKER_BUILD_NAME > dist/$PACKER_BUILD_NAME.pkg"]
    }
    post-processor "artifice" {
      files               = ["dist/${source.name}.pkg"]
      keep_input_artifact = false
    }
    post-processor "manifest" {
      output      = "release-manifest.json"
      strip_path  = true
      custom_data = { version = var.version }
    }
  }

  post-processor "manifest" {
    name       = "builder-manifest"
    output     = "builder-manifest.json"
    strip_time = true
  }
}
