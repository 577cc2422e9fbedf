#!/usr/bin/env bash
# The result cache's benchmark (docs/facts.md). Prints wall and CPU seconds
# (user+sys, children included) and how many packages each run analyzed.
#   bench/cache/run.sh std   vigil check --tests=false std: cold, then again with nothing changed
#   bench/cache/run.sh gen   a generated module of 102 packages (gen.sh): cold, nothing changed,
#                            a one-line change in a function body of a leaf (a package nothing
#                            imports), then of core (101 packages depend on it) that keeps its
#                            facts, then one that changes them (Find stops returning nil)
# Each mode starts from an empty cache in a temporary $VIGIL_CACHE (the built front-end is shared).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
mode=${1:-gen}
vigil=${VIGIL:-$root/vigil}   # VIGIL: another build (so that editing this checkout does not rebuild it mid-run)
"$vigil" version >/dev/null                      # builds Vigil and its front-end outside the timings
cache=$(mktemp -d)
trap 'rm -rf "$cache" "${work:-}"' EXIT
for f in "${XDG_CACHE_HOME:-$HOME/.cache}"/vigil/frontend-*; do [ -d "$f" ] && ln -s "$f" "$cache/"; done
export VIGIL_CACHE=$cache VIGIL_CACHE_REPORT=1

# run LABEL DIR ARGS...: one timed check; prints the figures and the cache's report line
run() {
  local label=$1 dir=$2; shift 2
  local t; t=$(mktemp)
  ( cd "$dir" && /usr/bin/time -f "%e %U %S %M" -o "$t" "$vigil" check "$@" >"$t.out" 2>"$t.err" ) || true
  read -r wall user sys rss < <(tail -1 "$t")   # after "Command exited with non-zero status" (findings)
  local report; report=$(grep -o 'cache: .*' "$t.err" | head -1 || true)
  printf '%-28s wall %6.2f s  cpu %6.2f s  peak %5d MiB  %s\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) "$report"
  sha256sum <"$t.out" | cut -c1-12 >"$t.sum"; echo "$label $(cat "$t.sum") $(wc -l <"$t.out") lines" >>"$cache/outputs"
  rm -f "$t" "$t.out" "$t.err" "$t.sum"
}

case $mode in
std)
  run "std cold" "$root" --tests=false std
  run "std nothing changed" "$root" --tests=false std
  run "std nothing changed (2)" "$root" --tests=false std
  VIGIL_CACHE=off run "std without cache" "$root" --tests=false std
  ;;
gen)
  work=$(mktemp -d)
  "$root/bench/cache/gen.sh" "$work"
  run "gen cold" "$work" ./...
  run "gen nothing changed" "$work" ./...
  sed -i 's|^\t\treturn it.Name$|\t\treturn it.Name + ""|' "$work/top/t07/t.go"
  run "gen leaf body edited" "$work" ./...
  sed -i 's|^\t\treturn it.Name$|\t\treturn it.Name + ""|' "$work/core/core.go"
  run "gen core body edited" "$work" ./...
  VIGIL_CACHE=off run "gen without cache" "$work" ./...
  # Find no longer returns nil: core's facts change, its dependents are analyzed again (a second load).
  sed -i 's|^\treturn nil$|\treturn \&Item{}|' "$work/core/core.go"
  run "gen core facts changed" "$work" ./...
  VIGIL_CACHE=off run "gen without cache (2)" "$work" ./...
  ;;
*) echo "usage: $0 std|gen" >&2; exit 2 ;;
esac
echo "outputs (sha256 prefix; the same after an edit that changes no finding):"
cat "$cache/outputs"
