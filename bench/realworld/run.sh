#!/usr/bin/env bash
# Runs every check on real-world Go beyond std: golang.org/x/tools as Debian
# packages it (golang-golang-x-tools-dev, GOPATH layout, so it is loaded in
# GOPATH mode), and prints the findings by check, the time and peak memory.
# Read the findings (saved to $OUT/findings.txt): each real bug or false
# alarm found here is a test case to write.
#
# usage: bench/realworld/run.sh [PATTERN...]   (default: ./go/... ./internal/...)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
src=/usr/share/gocode/src
if [ ! -d "$src/golang.org/x/tools/go" ]; then
  echo "installing golang-golang-x-tools-dev (the corpus)..." >&2
  apt-get install -y -q golang-golang-x-tools-dev >/dev/null
fi
export VIGIL_GO=${VIGIL_GO:-$("$root/scripts/ensure-go.sh")}
dotnet build "$root/src/Vigil.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/src/Vigil.Cli/bin/Release/net10.0/vigil.dll"
out=${OUT:-/tmp/vigil-realworld}
mkdir -p "$out"
patterns=("$@")
[ ${#patterns[@]} -gt 0 ] || patterns=(./go/... ./internal/...)
cd "$src/golang.org/x/tools"
export GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS=
/usr/bin/time -f "%e %M" -o "$out/time" dotnet "$cli" check --cache=false "${patterns[@]}" > "$out/findings.txt" 2> "$out/stderr.txt" || true
read -r secs kb < <(tail -1 "$out/time")
echo "corpus: golang.org/x/tools ${patterns[*]} (GOPATH mode)"
echo "time: ${secs} s wall, peak ${kb} KiB (the .NET process)"
echo "load problems (packages whose imports are not packaged): $(grep -c 'type error\|could not import' "$out/stderr.txt" || true)"
echo "findings by check:"
grep -o '(vigil-[a-z]*)$' "$out/findings.txt" | sort | uniq -c || echo "  none"
echo "findings: $out/findings.txt"
