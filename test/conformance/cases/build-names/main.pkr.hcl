source "null" "base" { communicator = "none" }
source "file" "f" {
  content = "x"
}
build {
  name = "alpha"
  source "source.null.base" {
    name = "renamed"
  }
  source "source.file.f" {
    target = "names-alpha.txt"
  }
  provisioner "shell-local" {
    inline = ["echo ${build.name} ${source.type} ${source.name} $PACKER_BUILD_NAME $PACKER_BUILDER_TYPE"]
  }
  post-processor "shell-local" {
    name   = "named-pp"
    inline = ["echo pp for ${source.name}"]
  }
}
build {
  sources = ["source.null.base"]
  provisioner "shell-local" {
    inline = ["echo unnamed build: '${build.name}' ${source.name}"]
  }
}
