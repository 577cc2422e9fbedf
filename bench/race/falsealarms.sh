#!/bin/sh
# Lists the findings inside TestNoRace functions (and outside any test) of the race detector suite.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(KEEP=1 "$here/run.sh" | tail -1 | sed 's/^kept: //')
python3 - "$out" "$here/score.py" <<'PY'
import json, sys
mod, score = sys.argv[1], sys.argv[2]
src = open(score).read().split("data = json.load")[0].replace("mod, findings_path = sys.argv[1], sys.argv[2]", "mod = sys.argv[1]")
exec(src)
for pkg in json.load(open(mod + '/findings.json')).values():
    for f in pkg.get('vigil-race', []):
        t = test_at(f['posn'])
        if t is None or tests[t][1] == 'norace':
            print(t, f['posn'].split('/')[-1], f['message'][:200])
PY
rm -rf "$out"
