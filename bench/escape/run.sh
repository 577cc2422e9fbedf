#!/usr/bin/env bash
# Benchmark: `vigil check --checks escape ./...` against a plain `go build ./...`
# of the same generated module (bench/escape/gen.sh). Before every run one line
# is appended to each package, as after an edit, so both compile the module's
# packages again while the standard library comes from the build cache.
# Prints each run and the medians. Usage: run.sh [RUNS] [FILLER] (defaults 5, 0;
# FILLER: unannotated functions per package, see gen.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-5}
filler=${2:-0}
go=${VIGIL_GO:-$(command -v go)}
export GOTOOLCHAIN=local
mod=$(mktemp -d /tmp/vigil-bench-escape.XXXXXX)
"$here/gen.sh" "$mod" 6 10 "$filler" >&2
dotnet build "$root/src/Vigil.Cli" -c Release -v quiet >/dev/null
vigil="$root/src/Vigil.Cli/bin/Release/net10.0/Vigil.Cli.dll"
cd "$mod"
"$go" build ./... # warm the cache for the standard library
dotnet "$vigil" check --checks escape ./... >/dev/null || true # warm Vigil's front-end cache
n=0
touch_all() { n=$((n + 1)); for f in "$mod"/p*/p*.go "$mod"/shared/shared.go; do echo "var _ = $n" >> "$f"; done; }
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
gob=(); vig=(); lod=()
for i in $(seq 1 "$runs"); do
  touch_all; g=$(ms "$go" build ./...)
  touch_all; v=$(ms dotnet "$vigil" check --checks escape ./...)
  touch_all; l=$(ms dotnet "$vigil" check --checks none ./...)
  echo "run $i: go build ${g} ms, vigil check --checks escape ${v} ms (of which loading, --checks none: ${l} ms)" >&2
  gob+=("$g"); vig+=("$v"); lod+=("$l")
done
gm=$(printf '%s\n' "${gob[@]}" | median); vm=$(printf '%s\n' "${vig[@]}" | median); lm=$(printf '%s\n' "${lod[@]}" | median)
findings=$(dotnet "$vigil" check --checks escape ./... 2>/dev/null | grep -c '(vigil-escape)' || true)
echo "annotated functions: $(grep -rc '+checkescape\|+mustescape' --include=*.go . | awk -F: '{s+=$2} END {print s}')"
echo "findings: $findings"
echo "go build ./... median: ${gm} ms"
echo "vigil check --checks escape ./... median: ${vm} ms"
echo "vigil check --checks none ./... (loading only) median: ${lm} ms"
awk -v g="$gm" -v v="$vm" -v l="$lm" 'BEGIN { printf "ratio vigil/go build: %.2fx (target <= 2x); escape check alone (escape - none): %.2fx\n", v / g, (v - l) / g }'
rm -rf "$mod"
