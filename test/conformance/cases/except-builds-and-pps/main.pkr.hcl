source "null" "a" { communicator = "none" }
source "null" "b" { communicator = "none" }
source "file" "f" {
  content = "f"
  target  = "only-f.txt"
}
build {
  name    = "first"
  sources = ["source.null.a", "source.null.b", "source.file.f"]
  provisioner "shell-local" { inline = ["echo provisioned ${source.type}.${source.name} in ${build.name}"] }
  post-processor "shell-local" {
    name   = "tagged"
    inline = ["echo tagged pp for $PACKER_BUILD_NAME"]
  }
}
build {
  name    = "second"
  sources = ["source.null.a"]
  provisioner "shell-local" { inline = ["echo second build"] }
}
