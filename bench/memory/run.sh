#!/usr/bin/env bash
# Benchmark: peak memory of `vigil check` on std, per process and summed
# (docs/loading.md, "Memory"). For each --checks value and with and without
# tests, one cold run (--cache=false) under peak.py: the front-end's own peak
# (vigil-frontend), go list's (go), Vigil's (dotnet), and the peak of their
# sum at one instant. With VIGIL_STATS=1 Vigil also prints its live heap after
# loading and after analyzing.
#
#   bench/memory/run.sh [VIGIL_DLL] [CHECKS...]      (default: artifacts/cli, all)
#
# A run of all checks on std with tests takes minutes and about 4-5 GB: run one
# measurement at a time on a shared machine. OUT (default /tmp/vigil-memory)
# keeps each run's report, findings and stderr; PATTERN (default std) names
# other packages of GOROOT/src to run on (net/http while iterating).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dll=${1:-}
if [ -z "$dll" ]; then
  "$root/vigil" version >/dev/null  # builds Vigil into artifacts/cli
  dll="$root/artifacts/cli/vigil.dll"
fi
shift || true
checks=("$@")
[ ${#checks[@]} -eq 0 ] && checks=(all)
export VIGIL_GO=${VIGIL_GO:-$("$root/scripts/ensure-go.sh")}
out=${OUT:-/tmp/vigil-memory}
mkdir -p "$out"
cd "$("$VIGIL_GO" env GOROOT)/src"
printf '%-6s %-6s %10s %10s %8s %10s %8s\n' checks tests vigil_MiB frontend_MiB go_MiB sum_MiB wall_s
for c in "${checks[@]}"; do
  for t in true false; do
    name="$c-tests-$t"
    VIGIL_STATS=1 python3 "$root/bench/memory/peak.py" "$out/$name.json" -- \
      dotnet "$dll" check --cache=false --format json --tests="$t" --checks "$c" ${PATTERN:-std} >"$out/$name.out" 2>"$out/$name.err" || true
    python3 - "$out/$name.json" "$c" "$t" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); p = r["peak_kib_by_process"]
print("%-6s %-6s %10d %10d %8d %10d %8.1f" % (sys.argv[2], sys.argv[3], p.get("dotnet", 0) >> 10,
      p.get("vigil-frontend", 0) >> 10, p.get("go", 0) >> 10, r["total_kib"] >> 10, r["wall_s"]))
PY
    grep -h 'vigil-stats: \(loaded\|analyzed\):' "$out/$name.err" | sed 's/^/    /' || true
  done
done
