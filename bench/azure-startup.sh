#!/usr/bin/env bash
# Start-up cost of the azure-arm builder: the time from starting `tsbuild build` to its first Resource Manager (or
# Entra ID) request, beside the time a null build takes from start to exit. The Azure SDK loads only when a template
# uses azure-arm, so the null build pays nothing for it; the ratio shows what loading @azure/identity and the
# @azure/arm-* clients costs. A small HTTPS server on loopback (openssl certificate, trusted through
# NODE_EXTRA_CA_CERTS) notes when the first request comes and refuses it, which ends the build.
# usage: bench/azure-startup.sh [RUNS]   (run `npm run build` first; prints medians in ms)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout key.pem -out cert.pem 2>/dev/null
cat > server.mjs <<'JS'
import { createServer } from 'node:https';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
const server = createServer({ key: readFileSync('key.pem'), cert: readFileSync('cert.pem') }, (req, res) => {
  appendFileSync('first-request', `${Date.now()}\n`);
  res.statusCode = 400;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ error: 'invalid_request', error_description: 'AADSTS90002: benchmark endpoint' }));
});
server.listen(0, '127.0.0.1', () => writeFileSync('port', String(server.address().port)));
JS
node server.mjs & server=$!
while [ ! -s port ]; do sleep 0.05; done
port=$(cat port)
cat > azure.pkr.hcl <<HCL
source "azure-arm" "x" {
  client_id = "c"
  client_secret = "s"
  subscription_id = "sub"
  tenant_id = "t"
  image_publisher = "Canonical"
  image_offer = "UbuntuServer"
  image_sku = "18.04-LTS"
  os_type = "Linux"
  location = "westus"
  managed_image_name = "img"
  managed_image_resource_group_name = "rg"
}
build { sources = ["source.azure-arm.x"] }
HCL
printf 'source "null" "n" { communicator = "none" }\nbuild { sources = ["source.null.n"] }\n' > null.pkr.hcl
now() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
azure=() nul=()
for _ in $(seq "$runs"); do
  rm -f first-request
  start=$(now)
  TSBUILD_AZURE_ENDPOINT="https://127.0.0.1:$port" NODE_EXTRA_CA_CERTS="$work/cert.pem" node "$root/bin/tsbuild.js" build -color=false azure.pkr.hcl >/dev/null 2>&1 || true
  azure+=($(( $(head -1 first-request) - start )))
  start=$(now)
  node "$root/bin/tsbuild.js" build -color=false null.pkr.hcl >/dev/null 2>&1
  nul+=($(( $(now) - start )))
done
a=$(printf '%s\n' "${azure[@]}" | median)
n=$(printf '%s\n' "${nul[@]}" | median)
echo "azure-arm: start to first Azure request, median of $runs: ${a} ms"
echo "null build: start to exit, median of $runs: ${n} ms"
awk -v a="$a" -v n="$n" 'BEGIN { printf "ratio: %.2f (the Azure SDK and the credential load only for azure-arm templates)\n", a / n }'
