source "null" "ok" { communicator = "none" }
source "null" "bad" { communicator = "none" }
build {
  sources = ["source.null.ok", "source.null.bad"]
  provisioner "shell-local" {
    inline = ["echo before on ${source.name}", "if [ ${source.name} = bad ]; then echo failing; exit 4; fi", "echo after on ${source.name}"]
  }
  provisioner "shell-local" {
    inline = ["echo second provisioner on ${source.name}"]
  }
  post-processor "shell-local" {
    inline = ["echo pp on ${source.name}"]
  }
}
