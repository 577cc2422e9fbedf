#!/usr/bin/env bash
# Suggested fixes on real code: for each project of the corpus
# (bench/corpus/projects.txt, Debian's GOPATH tree), a copy of the project
# shadows the original in a temporary GOPATH. `vigil check --diff` prints the
# fixes of the library code's findings (and writes the findings as JSON);
# `git apply` applies that diff to the copy (what --fix would write: the same
# plan); `go build ./...` must still succeed when it did before; a second
# run counts the findings left. Prints one line per project and the totals.
# Not a test: it reads ~60 installed libraries.
#
#   bench/fixes/run.sh [PROJECT...]     (PROJECTS=FILE for another list)
#   OUT=/tmp/vigil-fixes (default): per project, before.json, fixes.diff, after.json, diff.stderr, build logs
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
src=/usr/share/gocode/src
out=${OUT:-/tmp/vigil-fixes}
only=("$@")

export VIGIL_GO=${VIGIL_GO:-$("$root/scripts/ensure-go.sh")}
dotnet build "$root/src/Vigil.Cli" -c Release -v quiet -nologo >/dev/null
cli="$root/src/Vigil.Cli/bin/Release/net10.0/vigil.dll"
export GO111MODULE=off GOFLAGS=
rm -rf "$out" && mkdir -p "$out"

# Findings in a --format json document: nil, race, all checks, and how many carry a fix.
count() { python3 - "$1" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
n = {}
fixable = 0
for checks in doc.values():
    for check, ds in checks.items():
        n[check] = n.get(check, 0) + len(ds)
        fixable += sum(1 for d in ds if d.get("suggested_fixes"))
print(n.get("vigil-nil", 0), n.get("vigil-race", 0), sum(n.values()), fixable)
PY
}

printf '%-34s %4s %5s %7s %7s %7s %6s %7s %7s %5s\n' project nil race fixable skipped applies build_0 build_1 total_0 total_1
tot_fixable=0 tot_skipped=0 tot_gone=0 broke=0 rejected=0
while read -r name pkg dir rest; do
  [[ -z ${name:-} || $name == \#* ]] && continue
  if [ ${#only[@]} -gt 0 ] && ! printf '%s\n' "${only[@]}" | grep -qx "$name"; then continue; fi
  [ -d "$src/$dir" ] || continue
  slug=${name//\//_}
  o="$out/$slug" gp="$out/$slug/gopath"
  mkdir -p "$gp/src/$(dirname "$dir")"
  cp -rL "$src/$dir" "$gp/src/$dir"
  export GOPATH="$gp:/usr/share/gocode"
  cd "$gp/src/$dir"
  build0=ok; "$VIGIL_GO" build ./... > "$o/build0.log" 2>&1 || build0=fail
  dotnet "$cli" check --cache=false --tests=false --format json="$o/before.json" --diff ./... > "$o/fixes.diff" 2> "$o/diff.stderr" || true
  read -r nil0 race0 total0 fixable < <(count "$o/before.json")
  skipped=$(grep -c '^vigil: fix skipped' "$o/diff.stderr" || true)
  applies=yes
  if [ -s "$o/fixes.diff" ]; then git apply -p1 "$o/fixes.diff" > "$o/apply.log" 2>&1 || { applies=no; rejected=$((rejected + 1)); }; fi
  build1=ok; "$VIGIL_GO" build ./... > "$o/build1.log" 2>&1 || build1=fail
  total1=$total0
  if [ -s "$o/fixes.diff" ]; then
    dotnet "$cli" check --cache=false --tests=false --format json="$o/after.json" ./... > /dev/null 2>&1 || true
    read -r _ _ total1 _ < <(count "$o/after.json")
  fi
  cd "$root"
  [ "$build0" = ok ] && [ "$build1" = fail ] && broke=$((broke + 1))
  tot_fixable=$((tot_fixable + fixable)) tot_skipped=$((tot_skipped + skipped)) tot_gone=$((tot_gone + total0 - total1))
  printf '%-34s %4s %5s %7s %7s %7s %6s %7s %7s %5s\n' "$name" "$nil0" "$race0" "$fixable" "$skipped" "$applies" "$build0" "$build1" "$total0" "$total1"
done < "${PROJECTS:-$root/bench/corpus/projects.txt}"
echo "total: $tot_fixable findings with a fix ($tot_skipped skipped as conflicts); findings gone after applying the diff: $tot_gone; diffs git apply rejected: $rejected; builds broken by the fixes: $broke"
