source "null" "r" { communicator = "none" }
build {
  sources = ["source.null.r"]
  provisioner "shell-local" {
    max_retries = 2
    inline      = ["if [ -f marker ]; then echo second attempt; else touch marker; echo first attempt; exit 1; fi"]
  }
  provisioner "shell-local" {
    pause_before = "1s"
    timeout      = "30s"
    inline       = ["echo after pause"]
  }
  provisioner "shell-local" {
    valid_exit_codes = [0, 7]
    inline           = ["echo exiting 7", "exit 7"]
  }
  provisioner "shell-local" {
    inline_shebang = "/bin/bash -e"
    command        = "echo command with bash $BASH_VERSION | cut -c1-22"
  }
}
