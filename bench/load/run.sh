#!/usr/bin/env bash
# Benchmark: loading all of std into the C# model.
#   1. the Go front-end alone (go list + parse + type check + encode), output discarded;
#   2. `vigil check --checks none std` (front-end + decode + model), end to end.
# Prints wall time and peak memory of each. Runs each twice and keeps the
# second run, so the go build cache is warm for both.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
export VIGIL_GO=$(scripts/ensure-go.sh)
export VIGIL_CACHE="$root/artifacts/cache"
./vigil dump types -C "$("$VIGIL_GO" env GOROOT)/src" errors >/dev/null  # builds Vigil and its front-end
fe=$(ls -d "$VIGIL_CACHE"/frontend-*/vigil-frontend | head -1)
goroot=$("$VIGIL_GO" env GOROOT)
measure() { # label, command...
  local label=$1; shift
  for i in 1 2; do
    /usr/bin/time -f "%e %M" -o /tmp/vigil-bench-time "$@" >/dev/null 2>/tmp/vigil-bench-err || true
  done
  read -r secs kb < /tmp/vigil-bench-time
  printf '%-40s wall %6.2f s   peak RSS %6d MiB\n' "$label" "$secs" $((kb / 1024))
}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $("$VIGIL_GO" version)"
measure "front-end alone (load std)" bash -c "cd '$goroot/src' && '$fe' load std"
measure "vigil check --checks none std" bash -c "cd '$goroot/src' && VIGIL_STATS=1 dotnet '$root/artifacts/cli/vigil.dll' check --checks none std"
grep vigil-stats /tmp/vigil-bench-err || true
