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
# Published ReadyToRun, as ./vigil runs it, so the figures are those users see.
out="$root/bench/escape/bin/r2r"
dotnet publish "$root/src/Vigil.Cli/Vigil.Cli.csproj" -c Release -o "$out" -v quiet -nologo \
    --use-current-runtime --self-contained false -p:PublishReadyToRun=true >/dev/null
vigil="$out/vigil.dll"
cd "$mod"
"$go" build ./... # warm the cache for the standard library
dotnet "$vigil" check --checks escape ./... >/dev/null || true # warm Vigil's front-end cache
n=0
touch_all() { n=$((n + 1)); for f in "$mod"/p*/p*.go "$mod"/shared/shared.go; do echo "var _ = $n" >> "$f"; done; }
# Wall time in ms; the CPU time (user+sys, children included) goes to $cpu_file, as the machine may be shared.
cpu_file=$(mktemp)
ms() { local s e; s=$(date +%s%N); /usr/bin/time -f "%U %S" -o "$cpu_file" "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
cpu() { tail -n 1 "$cpu_file" | awk '{printf "%d\n", ($1 + $2) * 1000}'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
gob=(); vig=(); lod=(); gobc=(); vigc=(); lodc=()
for i in $(seq 1 "$runs"); do
  touch_all; g=$(ms "$go" build ./...); gc=$(cpu)
  touch_all; v=$(ms dotnet "$vigil" check --checks escape ./...); vc=$(cpu)
  touch_all; l=$(ms dotnet "$vigil" check --checks none ./...); lc=$(cpu)
  echo "run $i: go build ${g} ms (cpu ${gc}), vigil check --checks escape ${v} ms (cpu ${vc}), of which loading (--checks none) ${l} ms (cpu ${lc})" >&2
  gob+=("$g"); vig+=("$v"); lod+=("$l"); gobc+=("$gc"); vigc+=("$vc"); lodc+=("$lc")
done
gm=$(printf '%s\n' "${gob[@]}" | median); vm=$(printf '%s\n' "${vig[@]}" | median); lm=$(printf '%s\n' "${lod[@]}" | median)
findings=$(dotnet "$vigil" check --checks escape ./... 2>/dev/null | grep -c '(vigil-escape)' || true)
echo "annotated functions: $(grep -rc '+checkescape\|+mustescape' --include=*.go . | awk -F: '{s+=$2} END {print s}')"
echo "findings: $findings"
echo "go build ./... median: ${gm} ms"
echo "vigil check --checks escape ./... median: ${vm} ms"
echo "vigil check --checks none ./... (loading only) median: ${lm} ms"
awk -v g="$gm" -v v="$vm" -v l="$lm" 'BEGIN { printf "wall ratio vigil/go build: %.2fx (target <= 2x); escape check alone (escape - none): %.2fx\n", v / g, (v - l) / g }'
gc=$(printf '%s\n' "${gobc[@]}" | median); vc=$(printf '%s\n' "${vigc[@]}" | median); lc=$(printf '%s\n' "${lodc[@]}" | median)
echo "cpu medians: go build ${gc} ms, vigil escape ${vc} ms, vigil none ${lc} ms"
awk -v g="$gc" -v v="$vc" -v l="$lc" 'BEGIN { printf "cpu ratio vigil/go build: %.2fx; escape check alone: %.2fx\n", v / g, (v - l) / g }'
rm -f "$cpu_file"
rm -rf "$mod"
