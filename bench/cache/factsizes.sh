#!/usr/bin/env bash
# The size of the fact files of `go vet -vettool=vigil -facts=vetx` (docs/facts.md,
# "Which facts a file carries"): a cold run (fresh GOCACHE, VIGIL_CACHE=off) on the
# packages given, then the number, total and largest size of the fact files the go
# command kept in its build cache, the cache's size, wall, CPU and peak RSS.
#   bench/cache/factsizes.sh [VIGIL] [PKGS...]   default: this checkout's ./vigil, net/http
#   CHECKS=race,nil bench/cache/factsizes.sh      the checks (default: race)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
vigil=${1:-$root/vigil}
shift || true
pkgs=("${@:-net/http}")
go=${VIGIL_GO:-go}
export VIGIL_GO=$go VIGIL_CACHE=off
"$vigil" version >/dev/null
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
tool=$work/vigil-tool
printf '#!/bin/sh\nexec %q "$@"\n' "$vigil" >"$tool"; chmod +x "$tool"
mkdir -p "$work/gocache"
( cd "$root" && GOCACHE="$work/gocache" /usr/bin/time -f "%e %U %S %M" -o "$work/time" \
    "$go" vet -vettool="$tool" -facts=vetx -checks="${CHECKS:-race}" -json "${pkgs[@]}" >"$work/out" 2>&1 ) || true
read -r wall user sys rss < <(tail -1 "$work/time")
printf 'wall %.2f s  cpu %.2f s  peak %d MiB  build cache %d MB\n' "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) \
  $(( $(du -sb "$work/gocache" | cut -f1) / 1000000 ))
# The go command keeps a tool's VetxOutput as an output file ("…-d") of the vet action.
find "$work/gocache" -name '*-d' -size +0 -print0 | while IFS= read -r -d '' f; do
  head -c 13 "$f" | grep -q '^vigil-facts' && stat -c %s "$f"
done | awk '{ s += $1; n++; if ($1 > m) m = $1 } END { printf "fact files %d  total %.1f MB  largest %.1f MB\n", n, s / 1e6, m / 1e6 }'
