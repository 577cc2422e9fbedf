#!/bin/sh
# Go's race detector suite as a benchmark for vigil-race.
# Copies $(go env GOROOT)/src/runtime/race/testdata (minus cgo_test.go) into a
# temporary module, runs `vigil check --checks race --tags race` on it with the
# tests, and scores each file: a finding inside TestRaceX = found, a finding
# inside TestNoRaceX = false alarm.
#   bench/race/run.sh            table by file, totals
#   KEEP=1 bench/race/run.sh     keep the temporary module and the JSON output
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
GO=${VIGIL_GO:-$(command -v go || true)}
[ -n "$GO" ] || { echo "run.sh: no go on PATH; set VIGIL_GO to the go binary" >&2; exit 2; }
export VIGIL_GO="$GO" VIGIL_CACHE="${VIGIL_CACHE:-/tmp/vigil-cache-race}"
goroot=$("$GO" env GOROOT)
tmp=$(mktemp -d)
[ "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
cp "$goroot"/src/runtime/race/testdata/*.go "$tmp"/
# cgo_test.go builds cgo_test_main.go (package main) as a separate program: both stay out.
rm -f "$tmp/cgo_test.go" "$tmp/cgo_test_main.go"
printf 'module racetest\n\ngo 1.23\n' > "$tmp/go.mod"
cli="$root/src/Vigil.Cli/bin/Debug/net10.0/vigil.dll"
[ -f "$cli" ] || dotnet build "$root/src/Vigil.Cli" -v quiet >/dev/null
set +e
dotnet "$cli" check -C "$tmp" --checks race --tags race --format json ./... > "$tmp/findings.json"
status=$?
set -e
[ $status -le 1 ] || { echo "vigil check failed (exit $status)" >&2; exit 2; }
python3 "$here/score.py" "$tmp" "$tmp/findings.json"
[ "${KEEP:-}" ] && echo "kept: $tmp"
exit 0
