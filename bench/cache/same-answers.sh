#!/usr/bin/env bash
# "Same answers": for N standard-library packages drawn at random (seeded,
# random.seed(7)), the findings of `vigil check P` alone equal the findings
# `vigil check std` reports in P. Both run without the result cache, so
# each is computed. Prints one line per package and a total.
#   bench/cache/same-answers.sh [N=30] [--tests=false]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
n=${1:-30}
tests=${2:---tests=false}
vigil=${VIGIL:-$root/vigil}   # VIGIL: another build (so that editing this checkout does not rebuild it mid-run)
export VIGIL_CACHE=off
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
"$vigil" check "$tests" --format json std >"$work/all.json" || true
go=${VIGIL_GO:-go}
"$go" list std | grep -v -e '^vendor/' -e '/internal/' -e '^internal/' -e '^cmd/' >"$work/std.txt"
python3 - "$work/std.txt" "$n" >"$work/sample.txt" <<'PY'
import random, sys
pkgs = [l.strip() for l in open(sys.argv[1]) if l.strip()]
random.seed(7)
for p in sorted(random.sample(pkgs, int(sys.argv[2]))): print(p)
PY
same=0; total=0
while read -r p; do
  "$vigil" check "$tests" --format json "$p" >"$work/one.json" || true
  verdict=$(python3 - "$work/all.json" "$work/one.json" "$p" <<'PY'
import json, sys
def of(path, pkg):
    try: tree = json.load(open(path))
    except ValueError: return None
    out = []
    for id, checks in tree.items():
        if id == pkg or id.startswith(pkg + " ["):
            for check, diags in checks.items():
                out += [(check, d["posn"], d["message"]) for d in diags]
    return sorted(out)
a, b = of(sys.argv[1], sys.argv[3]), of(sys.argv[2], sys.argv[3])
print("error" if a is None or b is None else ("same %d" % len(a)) if a == b else "DIFFERENT all=%d alone=%d" % (len(a), len(b)))
PY
)
  total=$((total + 1)); [[ $verdict == same* ]] && same=$((same + 1))
  printf '%-28s %s\n' "$p" "$verdict"
done <"$work/sample.txt"
echo "same findings: $same/$total"
