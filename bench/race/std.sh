#!/bin/sh
# vigil-race on the standard library: findings, and the cost beyond loading.
#   bench/race/std.sh            prints the findings count and both runs' time and memory
#   TESTS=1 bench/race/std.sh    the same with std's own tests (test files and external test packages) loaded
#   LIST=1 bench/race/std.sh     also lists the findings, one line each
# needs a Release build of the CLI (dotnet build src/Vigil.Cli -c Release), like bench/nil/run.sh:
# the cost figures in docs/checks/race.md are user+sys CPU seconds of that build.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
GO=${VIGIL_GO:-$(command -v go || true)}
[ -n "$GO" ] || { echo "std.sh: no go on PATH; set VIGIL_GO to the go binary" >&2; exit 2; }
export VIGIL_GO="$GO" VIGIL_CACHE="${VIGIL_CACHE:-/tmp/vigil-cache-race}"
cli="$root/src/Vigil.Cli/bin/Release/net10.0/vigil.dll"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
tests=false
[ "${TESTS:-}" ] && tests=true
run() { /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KB max RSS" -o "$out/$1.time" dotnet "$cli" check --cache=false --tests=$tests --checks "$1" --format json std > "$out/$1.json" 2>/dev/null || true; }
run none
run race
echo "load only (--checks none): $(tail -1 "$out/none.time")"
echo "load + race:               $(tail -1 "$out/race.time")"
cpu() { tail -1 "$out/$1.time" | awk '{print $4 + $7}'; }
echo "race beyond the load: $(echo "$(cpu race) $(cpu none)" | awk '{printf "%.2f CPU-s = %.2fx the load", $1 - $2, ($1 - $2) / $2}')"
python3 -c "
import json,sys
d=json.load(open('$out/race.json'))
fs=[f for v in d.values() for f in v.get('vigil-race',[])]
print('race findings on std (tests=$tests):', len(fs))
if '${LIST:-}':
    for f in sorted(fs, key=lambda f: f['posn']):
        print(' ', f['posn'].split('/src/', 1)[-1] + ':', f['message'][:160])
"
