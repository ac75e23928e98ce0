source "file" "a" {
  content = "artifact a"
  target  = "keep-a.txt"
}
build {
  sources = ["source.file.a"]
  post-processors {
    post-processor "shell-local" {
      inline = ["echo extra > extra.txt", "echo made extra"]
    }
    post-processor "artifice" {
      files               = ["extra.txt"]
      keep_input_artifact = false
    }
    post-processor "artifice" {
      files               = ["keep-a.txt"]
      keep_input_artifact = false
    }
  }
  post-processors {
    post-processor "shell-local" {
      inline = ["for f in keep-a.txt extra.txt; do if [ -e $f ]; then echo $f exists; else echo $f gone; fi; done"]
    }
  }
}
