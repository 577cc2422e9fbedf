#!/usr/bin/env bash
# Output pipeline throughput: a generated module whose files hold N malformed
# //nolint:vigil-nil, directives each (one vigil-directive finding apiece),
# checked with --checks directive in every format. Prints findings, seconds
# and output size per format; the load-only time is printed first to subtract.
# Usage: bench/report/formats.sh [files] [directives-per-file]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
files=${1:-200}
per=${2:-100}
VIGIL_GO=${VIGIL_GO:-$("$root/scripts/ensure-go.sh")}
export VIGIL_GO
export VIGIL_CACHE=${VIGIL_CACHE:-/tmp/vigil-bench-report}
dotnet build "$root/src/Vigil.Cli" -c Release -v quiet >/dev/null
vigil() { dotnet "$root/src/Vigil.Cli/bin/Release/net10.0/vigil.dll" "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'module example.com/bench\n\ngo 1.23\n' >"$work/go.mod"
for f in $(seq 1 "$files"); do
  {
    echo "package bench"
    echo
    echo "func F$f() int {"
    echo "	n := 0"
    for d in $(seq 1 "$per"); do echo "	n++ //nolint:vigil-nil,"; done
    echo "	return n"
    echo "}"
  } >"$work/f$f.go"
done
cd "$work"
time_it() { # label, args...
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  vigil check "$@" ./... >"$work/out" 2>/dev/null || true
  end=$(date +%s.%N)
  printf '%-28s %6.2f s  %10s bytes\n' "$label" "$(echo "$end - $start" | bc)" "$(wc -c <"$work/out")"
}
vigil check --checks none ./... >/dev/null 2>&1 || true # warm the front-end cache
echo "$((files * per)) findings in $files files"
time_it "load only (--checks none)" --checks none
for fmt in text json sarif checkstyle github rdjson html; do
  time_it "$fmt" --checks directive --format "$fmt"
done
