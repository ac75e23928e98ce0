source "null" "one" { communicator = "none" }
source "null" "two" { communicator = "none" }
build {
  sources = ["source.null.one", "source.null.two"]
  provisioner "shell-local" {
    inline = ["echo default inline"]
    override = {
      two = {
        inline = ["echo overridden for two"]
      }
    }
  }
  provisioner "shell-local" {
    only   = ["null.one"]
    inline = ["echo only on one"]
  }
  provisioner "shell-local" {
    except = ["null.one"]
    inline = ["echo except one"]
  }
  provisioner "shell-local" {
    environment_vars = ["A=1", "B=it's", "C=3"]
    execute_command  = ["/bin/sh", "-c", "echo vars: {{.Vars}}; {{.Vars}} /bin/sh {{.Script}}"]
    inline           = ["echo $A $B $C"]
  }
  post-processor "shell-local" {
    only   = ["null.two"]
    inline = ["echo pp only on two"]
  }
}
