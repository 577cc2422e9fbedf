#!/usr/bin/env bash
# go vet's unit mode against `vigil check --facts=none` (docs/facts.md): for N
# standard-library packages drawn at random (random.seed(7)), the findings of
# `go vet -vettool=vigil -facts=none -json P` (the package alone, imports from
# the go command's export data) equal those `vigil check --facts=none P`
# reports in P and P with its tests. External test packages (P_test) may
# differ (docs/facts.md: they see P's summaries in the check run only): the
# line counts their differences apart. One line per package and a total.
#   bench/cache/unit-answers.sh [N=30] [VIGIL]   VIGIL: the vigil executable
#                                               (default: this checkout's ./vigil)
# VET_FACTS (default none) and CHECK_FACTS (default none) choose the two sides'
# facts; CHECKS (default: all) the checks both run. The serialized facts against
# the check run from source, for nil:
#   VET_FACTS=vetx CHECK_FACTS=project CHECKS=nil bench/cache/unit-answers.sh 30
# PART=I/K runs only the sample's packages whose index (from 0) is I modulo K,
# from the FROM-th on (default 1): a long sample split over several runs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
n=${1:-30}
vigil=${2:-$root/vigil}
go=${VIGIL_GO:-go}
export VIGIL_GO=$go VIGIL_CACHE=off
vet_facts=${VET_FACTS:-none}
check_facts=${CHECK_FACTS:-none}
checks=()
vet_checks=()
if [ -n "${CHECKS:-}" ]; then checks=(--checks "$CHECKS"); vet_checks=(-checks="$CHECKS"); fi
"$vigil" version >/dev/null
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
tool=$work/vigil-tool
printf '#!/bin/sh\nexec %q "$@"\n' "$vigil" >"$tool"; chmod +x "$tool"
"$go" list std | grep -v -e '^vendor/' -e '/internal/' -e '^internal/' -e '^cmd/' >"$work/std.txt"
python3 - "$work/std.txt" "$n" >"$work/sample.txt" <<'PY'
import random, sys
pkgs = [l.strip() for l in open(sys.argv[1]) if l.strip()]
random.seed(7)
for p in sorted(random.sample(pkgs, int(sys.argv[2]))): print(p)
PY
part=${PART:-0/1}
awk -v i="${part%/*}" -v k="${part#*/}" -v from="${FROM:-1}" 'NR >= from && (NR - 1) % k == i' "$work/sample.txt" >"$work/part.txt"
mv "$work/part.txt" "$work/sample.txt"
cd "$root"
same=0; total=0; external=0
while read -r p; do
  "$vigil" check --facts="$check_facts" "${checks[@]}" --format json "$p" >"$work/check.json" 2>/dev/null || true
  GOCACHE=${GOCACHE:-$work/gocache} "$go" vet -vettool="$tool" -facts="$vet_facts" "${vet_checks[@]}" -json "$p" >"$work/vet.txt" 2>&1 || true
  verdict=$(python3 - "$work/check.json" "$work/vet.txt" "$p" <<'PY'
import json, sys
pkg = sys.argv[3]
def mine(id):  # P, P with its tests, P_test: the units go vet runs for P
    base = id.split(" [")[0]
    return base == pkg or base == pkg + "_test"
def findings(trees):
    out = []
    for tree in trees:
        for id, checks in tree.items():
            if mine(id):
                for check, diags in checks.items():
                    out += [(id.split(" [")[0], check, d["posn"], d["message"]) for d in diags]
    return sorted(out)
def vet_trees(text):  # go vet -json: "# pkg" headers, then one JSON tree per unit
    text = "\n".join(l for l in text.splitlines() if not l.startswith("#"))
    dec, i, trees = json.JSONDecoder(), 0, []
    while True:
        while i < len(text) and text[i].isspace(): i += 1
        if i >= len(text): return trees
        tree, i = dec.raw_decode(text, i)
        trees.append(tree)
try:
    a = findings([json.load(open(sys.argv[1]))])
    b = findings(vet_trees(open(sys.argv[2]).read()))
except ValueError as e:
    print("error", e); sys.exit()
external = lambda fs: [f for f in fs if f[0] == pkg + "_test"]
own = lambda fs: [f for f in fs if f[0] != pkg + "_test"]
if own(a) != own(b):
    print("DIFFERENT check=%d vet=%d: %s" % (len(a), len(b), sorted(set(a) ^ set(b))[:3]))
elif a == b:
    print("same %d" % len(a))
else:  # P_test sees P from source in the check run, from export data in go vet (docs/facts.md)
    ea, eb = set(external(a)), set(external(b))
    print("same %d; %s_test: %d only in check, %d only in go vet (documented)" % (len(own(a)), pkg, len(ea - eb), len(eb - ea)))
PY
)
  total=$((total + 1)); [[ $verdict == same* ]] && same=$((same + 1))
  [[ $verdict == *documented* ]] && external=$((external + 1))
  printf '%-28s %s\n' "$p" "$verdict"
done <"$work/sample.txt"
echo "same findings: $same/$total (external test packages differing as documented: $external)"
