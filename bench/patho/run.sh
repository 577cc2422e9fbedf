#!/usr/bin/env bash
# Pathological-inputs bench (issue 15, item 10): generates a module of inputs
# go build accepts (bench/patho/gen.go: 100,000-line function, 50,000-case
# switch, 20 MB literal, 10,000-deep nesting of each kind, 10,000-function
# call chain, 2,000-function cycle, 5,000 go statements, deep generics, a
# 10,000-deep pointer type, 10,000-call builder chain, 10,000-branch else-if) and
# runs `vigil check` on each kind together with a normal package, printing the
# outcome (findings, or the package's limit error), wall/CPU time and peak
# memory (/usr/bin/time -v). Target: every kind finishes, with a result or a
# clear per-package error, under 2 GiB, and normal's finding still comes out.
#
#   bench/patho/run.sh [SCALE] [KIND...]      SCALE defaults to 1 (full size)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
scale=${1:-1}; shift || true
go=${VIGIL_GO:-$("$root/scripts/ensure-go.sh")}
export VIGIL_GO=$go
dotnet build "$root/src/Vigil.Cli" -c Release -v quiet -nologo >/dev/null
bin=$(mktemp -d); cp -r "$root/src/Vigil.Cli/bin/Release/net10.0/." "$bin"   # immune to rebuilds while running
mod=$(mktemp -d)
trap 'rm -rf "$mod" "$bin"' EXIT
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || mapfile -t kinds < <(cd "$root/bench/patho" && GOTOOLCHAIN=local "$go" run gen.go -list | cut -f1)
only=$(IFS=,; echo "${kinds[*]}")
(cd "$root/bench/patho" && GOTOOLCHAIN=local "$go" run gen.go -out "$mod" -scale "$scale" -only "$only")
printf '%-13s %6s %8s %8s %9s  %s\n' kind exit wall_s cpu_s peak_MiB outcome
for k in "${kinds[@]}"; do
  code=0
  (cd "$mod" && timeout 900 /usr/bin/time -v -o "$mod/.time" dotnet "$bin/vigil.dll" check --cache=false "./$k" ./normal >"$mod/.out" 2>"$mod/.err") || code=$?
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$mod/.time" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  cpu=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{print u+s}' "$mod/.time")
  peak=$(awk -F': ' '/Maximum resident/{printf "%d", $2/1024}' "$mod/.time")
  normal=$(grep -c '^normal/normal.go:7:11: nil panic' "$mod/.out" || true)
  limit=$(grep -m1 -o '[a-z]* error in [^)]*' "$mod/.err" || true)
  findings=$(grep -c '(vigil-' "$mod/.out" || true)
  outcome="findings=$findings normal=$([ "$normal" = 1 ] && echo ok || echo MISSING)${limit:+ error: $limit}"
  if grep -q 'Stack overflow\|Unhandled exception' "$mod/.err"; then outcome="CRASH: $(head -1 "$mod/.err")"; fi
  if [ "$code" = 124 ]; then outcome="TIMEOUT (900 s)"; fi
  printf '%-13s %6s %8s %8s %9s  %s\n' "$k" "$code" "$wall" "$cpu" "$peak" "$outcome"
done
