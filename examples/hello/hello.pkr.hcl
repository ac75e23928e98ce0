variable "who" {
  type        = string
  default     = "world"
  description = "Who to greet."
}

variable "api_token" {
  type      = string
  default   = "s3cr3t-t0ken"
  sensitive = true
}

locals {
  greeting = "hello ${var.who}"
  shout    = upper(local.greeting)
  stamp    = formatdate("YYYY-MM-DD", "2024-03-01T10:00:00Z")
}

source "null" "hello" {
  communicator = "none"
}

source "file" "note" {
  content = "${local.greeting} (${local.stamp})"
  target  = "hello.txt"
}

build {
  sources = ["source.null.hello", "source.file.note"]

  provisioner "shell-local" {
    inline = ["echo ${local.shout} from ${source.type}.${source.name}"]
  }

  post-processor "manifest" {
    output     = "manifest.json"
    strip_path = true
  }
}
