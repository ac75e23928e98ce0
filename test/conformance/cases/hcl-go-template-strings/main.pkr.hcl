source "null" "packer" {
  communicator = "none"
}
source "null" "other" {
  communicator = "none"
}
build {
  name    = "named"
  sources = ["source.null.packer", "null.other"]

  provisioner "shell-local" {
    inline = ["echo provisioner {{build_name}} and {{build_type}} {{upper `x`}} {{lower \"Y\"}}"]
    only   = ["null.packer"]
  }
  provisioner "shell-local" {
    inline = ["echo other {{ build_name }} {{split \"a-b\" \"-\" 1}}"]
    except = ["null.packer"]
  }
  post-processor "shell-local" {
    inline = ["echo pp {{build_name}} {{replace_all \"x\" \"y\" \"xox\"}}"]
  }
}
