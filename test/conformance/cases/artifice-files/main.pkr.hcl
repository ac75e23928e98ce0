source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  provisioner "shell-local" { inline = ["mkdir -p dist", "echo 1 > dist/one.bin", "echo 22 > dist/two.bin", "echo x > dist/skip.txt"] }
  post-processors {
    post-processor "artifice" { files = ["dist/*.bin", "nothing-*.here"] }
    post-processor "manifest" {
      output     = "art.json"
      strip_time = true
    }
    post-processor "shell-local" {
      inline = ["grep -e name -e size -e artifact_id art.json"]
    }
  }
}
