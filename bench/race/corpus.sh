#!/usr/bin/env bash
# vigil-race on concurrent Go libraries beyond std: caches, pools, clients and
# servers as Debian packages them (GOPATH layout, loaded in GOPATH mode). Prints
# the findings per project and saves them to $OUT/<project>.txt for reading:
# each real race or false alarm found here is a test case to write.
#
# usage: bench/race/corpus.sh            (library code only)
#        TESTS=1 bench/race/corpus.sh    (with the projects' tests)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
src=/usr/share/gocode/src
packages=(
  golang-github-golang-groupcache-dev golang-github-allegro-bigcache-dev golang-github-gorilla-websocket-dev
  golang-github-gomodule-redigo-dev golang-github-coreos-bbolt-dev golang-github-hailocab-go-hostpool-dev
  golang-github-hashicorp-golang-lru-dev golang-github-patrickmn-go-cache-dev golang-github-hashicorp-yamux-dev
  golang-github-jackc-puddle-dev golang-github-nats-io-go-nats-dev golang-github-hashicorp-memberlist-dev
  golang-github-prometheus-client-golang-dev golang-github-armon-go-metrics-dev golang-github-miekg-dns-dev
  golang-github-datadog-datadog-go-dev golang-github-circonus-labs-circonus-gometrics-dev
)
projects=(
  golang/groupcache allegro/bigcache gorilla/websocket gomodule/redigo etcd-io/bbolt hailocab/go-hostpool
  hashicorp/golang-lru patrickmn/go-cache hashicorp/yamux jackc/puddle nats-io/nats.go hashicorp/memberlist
  prometheus/client_golang armon/go-metrics miekg/dns DataDog/datadog-go circonus-labs/circonus-gometrics
)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing the corpus: ${missing[*]}" >&2
  apt-get install -y -q "${missing[@]}" >/dev/null
fi
export VIGIL_GO=${VIGIL_GO:-$("$root/scripts/ensure-go.sh")}
dotnet build "$root/src/Vigil.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/src/Vigil.Cli/bin/Release/net10.0/vigil.dll"
out=${OUT:-/tmp/vigil-race-corpus}
mkdir -p "$out"
tests=false
[ "${TESTS:-}" ] && tests=true
export GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS=
total=0
for p in "${projects[@]}"; do
  dir="$src/github.com/$p"
  [ -d "$dir" ] || { echo "$p: not installed"; continue; }
  file="$out/$(echo "$p" | tr / _).txt"
  (cd "$dir" && dotnet "$cli" check --checks race --tests=$tests ./... > "$file" 2> "$file.stderr" || true)
  n=$(grep -c '(vigil-race)' "$file" || true)
  total=$((total + n))
  printf '%-36s %3d findings\n' "$p" "$n"
done
echo "total: $total race findings (tests=$tests); findings in $out"
