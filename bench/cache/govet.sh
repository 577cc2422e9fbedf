#!/usr/bin/env bash
# go vet's cost with Vigil as its vet tool (docs/build-systems.md): CPU of a
# cold `go vet -vettool=vigil PKGS` against a cold `go vet PKGS`, each with
# a fresh GOCACHE (and a fresh VIGIL_CACHE), on the same packages.
#   bench/cache/govet.sh [N] [VIGIL]   N std packages drawn with random.seed(7)
#                                     (default: all of std); VIGIL: the vigil
#                                     executable (default: this checkout's ./vigil)
#   VET_FLAGS="-facts=none" bench/cache/govet.sh 15   flags for the vigil run (vigil -flags lists them)
#   KEEP=DIR bench/cache/govet.sh 15                  also copies each run's output into DIR
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
n=${1:-all}
vigil=${2:-$root/vigil}
go=${VIGIL_GO:-go}
export VIGIL_GO=$go
version=$("$vigil" version)                     # builds Vigil and its front-end outside the timings
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
if [ "$n" = all ]; then
  echo std >"$work/pkgs"
else
  "$go" list std | grep -v -e '^vendor/' -e '/internal/' -e '^internal/' -e '^cmd/' >"$work/std.txt"
  python3 - "$work/std.txt" "$n" >"$work/pkgs" <<'PY'
import random, sys
pkgs = [l.strip() for l in open(sys.argv[1]) if l.strip()]
random.seed(7)
for p in sorted(random.sample(pkgs, int(sys.argv[2]))): print(p)
PY
fi
# The go command runs the tool by path: a one-line wrapper when vigil is not a plain executable.
tool=$work/vigil-tool
printf '#!/bin/sh\nexec %q "$@"\n' "$vigil" >"$tool"; chmod +x "$tool"
# The front-end this vigil uses (built above), linked into each fresh cache: not built inside the timings.
fe=$(echo "$version" | sed -n 's/^front-end //p')
frontend=$(ls -d "${XDG_CACHE_HOME:-$HOME/.cache}"/vigil/frontend-"$fe"-* 2>/dev/null | tail -1 || true)

# run LABEL CACHES ARGS...: one go vet with the caches named CACHES (fresh the first time: cold);
# prints wall, CPU (user+sys, children included), peak RSS of the largest process
run() {
  local label=$1 caches=$2; shift 2
  if [ ! -d "$work/$caches" ]; then
    mkdir -p "$work/$caches/gocache" "$work/$caches/vigil"
    [ -n "$frontend" ] && ln -s "$frontend" "$work/$caches/vigil/"
  fi
  ( cd "$root" && GOCACHE="$work/$caches/gocache" VIGIL_CACHE="$work/$caches/vigil" \
      /usr/bin/time -f "%e %U %S %M" -o "$work/$label.time" "$go" vet "$@" $(cat "$work/pkgs") >"$work/$label.out" 2>&1 ) || true
  read -r wall user sys rss < <(tail -1 "$work/$label.time")   # after "Command exited with non-zero status" (findings)
  cpu=$(echo "$user + $sys" | bc)
  echo "$cpu" >"$work/$label.cpu"
  printf '%-22s wall %8.2f s  cpu %8.2f s  peak %5d MiB  (%s output lines)\n' "$label" "$wall" "$cpu" $((rss / 1024)) "$(wc -l <"$work/$label.out")"
}
echo "packages: $(wc -w <"$work/pkgs") ($n)"
run "go-vet" plain
run "go-vet-vigil" vigil -vettool="$tool" ${VET_FLAGS:-}
echo "ratio (CPU, vigil / go vet): $(echo "scale=2; $(cat "$work/go-vet-vigil.cpu") / $(cat "$work/go-vet.cpu")" | bc)"
# Nothing changed: the go command serves the units it ran for facts only (VetxOnly) from its cache and
# runs the tool again on the matched packages (go vet's own analyzers too).
run "go-vet-rerun" plain
run "go-vet-vigil-rerun" vigil -vettool="$tool" ${VET_FLAGS:-}
echo "rerun ratio (CPU): $(echo "scale=2; $(cat "$work/go-vet-vigil-rerun.cpu") / $(cat "$work/go-vet-rerun.cpu")" | bc)"
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && cp "$work"/*.out "$KEEP"/; fi
