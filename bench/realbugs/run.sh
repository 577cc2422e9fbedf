#!/usr/bin/env bash
# Real-bug suite: fixed nil dereferences and data races from public Go projects'
# history. Each case (cases/<check>/<id>.case, format in README.md) names a fix
# commit; the scorer exports the buggy parent and the fix from the repository's
# mirror (brought by the agent tool `fetch github:owner/name`, under
# $MIRROR/owner+name/repo), checks both in GOPATH mode and scores:
#   found  = a finding of the case's check on the parent at the bug line (±3),
#            by its position or a position of its trace;
#   silent = no such finding at the fixed line (±3) on the fix.
# A bench, never a test: it reads other projects' code at run time and keeps
# none of it.
#
# usage: bench/realbugs/run.sh [nil|race|all] [ids...]
# env:   OUT (default /tmp/vigil-realbugs): outputs per case and side;
#        MIRROR (default /work/.mirror); KEEP=1 keeps the exported trees;
#        NOBUILD=1 skips building the CLI.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export VIGIL_GO=${VIGIL_GO:-$("$root/scripts/ensure-go.sh")}
if [ -z "${NOBUILD:-}" ]; then
  dotnet build "$root/src/Vigil.Cli" -c Release -v quiet -nologo >/dev/null
fi
export VIGIL_CLI="$root/src/Vigil.Cli/bin/Release/net10.0/vigil.dll"
exec python3 "$here/realbugs.py" --cases "$here/cases" "$@"
