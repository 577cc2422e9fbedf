#!/usr/bin/env bash
# Scores Vigil on other tools' test suites, as packaged by Debian (read at
# bench time, never copied into this repository):
#   - staticcheck's SA5011 cases (CheckMaybeNil: "possible nil pointer dereference"),
#     from golang-honnef-go-tools-dev;
#   - go vet's nilness analyzer (golang.org/x/tools/go/analysis/passes/nilness),
#     from golang-golang-x-tools-dev: its "nil dereference in ..." marks.
# Each suite is copied into a temporary module and checked with
# `vigil check --checks nil --format json`. A mark is found when Vigil reports
# on its line; every other finding is listed, to be read: those suites leave
# some real nil panics unmarked (staticcheck: "TODO(dh): not currently
# supported"), so an unmarked finding is not by itself a false alarm.
#
# usage: bench/suites/run.sh      (installs the two packages with apt-get when missing)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
src=/usr/share/gocode/src
if [ ! -d "$src/honnef.co/go/tools" ] || [ ! -d "$src/golang.org/x/tools/go/analysis/passes/nilness" ]; then
  echo "installing golang-honnef-go-tools-dev and golang-golang-x-tools-dev (test suites)..." >&2
  apt-get install -y -q golang-honnef-go-tools-dev golang-golang-x-tools-dev >/dev/null
fi
export VIGIL_GO=${VIGIL_GO:-$("$root/scripts/ensure-go.sh")}
dotnet build "$root/src/Vigil.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/src/Vigil.Cli/bin/Release/net10.0/vigil.dll"

mod=$(mktemp -d /tmp/vigil-suites.XXXXXX)
trap 'rm -rf "$mod"' EXIT
printf 'module suites\n\ngo 1.22\n' > "$mod/go.mod"
mkdir -p "$mod/staticcheck/maybenil"
cp "$src/honnef.co/go/tools/staticcheck/testdata/src/example.com/CheckMaybeNil/"*.go "$mod/staticcheck/maybenil/"
for d in "$src/golang.org/x/tools/go/analysis/passes/nilness/testdata/src/"*/; do
  name=$(basename "$d")
  mkdir -p "$mod/nilness/$name"
  cp "$d"*.go "$mod/nilness/$name/"
done

(cd "$mod" && dotnet "$cli" check --checks nil --format json ./... > "$mod/findings.json" 2> "$mod/stderr.txt") || true
grep -v '^$' "$mod/stderr.txt" | sed 's/^/vigil stderr: /' >&2 || true
python3 "$here/score.py" "$mod"
