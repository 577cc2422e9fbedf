#!/usr/bin/env bash
# What the filters and formats cost on top of loading: runs `vigil check`
# on a package pattern (default: std) with no checks (load only), then with
# the directive scan and each output format, and prints wall-clock seconds.
# Usage: bench/report/directives.sh [pattern]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
pattern=${1:-std}
VIGIL_GO=${VIGIL_GO:-$("$root/scripts/ensure-go.sh")}
export VIGIL_GO
export VIGIL_CACHE=${VIGIL_CACHE:-/tmp/vigil-bench-report}
dotnet build "$root/src/Vigil.Cli" -c Release -v quiet >/dev/null
vigil() { dotnet "$root/src/Vigil.Cli/bin/Release/net10.0/vigil.dll" "$@"; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
time_it() { # label, args...
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  vigil check --tests=false "$@" "$pattern" >"$out/stdout" 2>"$out/stderr" || true
  end=$(date +%s.%N)
  printf '%-40s %6.2f s  (%s bytes of output)\n' "$label" "$(echo "$end - $start" | bc)" "$(wc -c <"$out/stdout")"
}
cd "$root/tests/testdata"
vigil check --checks none --tests=false "$pattern" >/dev/null 2>&1 || true # warm the front-end cache
time_it "load only (--checks none)" --checks none
time_it "directive scan, text" --checks directive
time_it "directive scan, sarif" --checks directive --format sarif
time_it "directive scan, json" --checks directive --format json
