variable "token" {
  type      = string
  default   = "tok-42-secret"
  sensitive = true
}
source "null" "s" { communicator = "none" }
build {
  sources = ["source.null.s"]
  provisioner "shell-local" {
    environment_vars = ["TOKEN=${var.token}"]
    inline           = ["echo token is $TOKEN", "echo inline ${var.token}"]
  }
}
