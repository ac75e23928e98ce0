source "file" "m" {
  content = "manifest me"
  target  = "out/m.txt"
}
source "null" "n" { communicator = "none" }
build {
  sources = ["source.file.m", "source.null.n"]
  post-processor "manifest" {
    output      = "${source.name}-manifest.json"
    strip_path  = true
    strip_time  = true
    custom_data = { who = "${source.type}", html = "<a&b>" }
  }
  post-processor "shell-local" {
    inline = ["sed -e 's/[0-9a-f-]\\{36\\}/UUID/' $PACKER_BUILD_NAME-manifest.json", "echo"]
  }
}
