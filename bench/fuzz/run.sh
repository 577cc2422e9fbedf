#!/usr/bin/env bash
# Fuzzes the Go front-end (frontend/fuzz_test.go, FuzzFrontend) for a while:
# mutated std files and broken seeds must load into a well-formed package
# record, without a panic or a hang.
#
# Usage: bench/fuzz/run.sh [DURATION] [WORKERS] [GO TEST FLAGS...]
#        (default 10m, 1 worker; e.g. -fuzzminimizetime=0 spends no time
#        shrinking new corpus entries, which on a loaded machine is most of it)
#
# The last status lines give the executions done ("execs: N") and the
# corpus grown ("new interesting: N"). A failing input is written to
# frontend/testdata/fuzz/FuzzFrontend/ and then runs with every `go test`:
# fix the front-end and keep the file as a regression test.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
duration=${1:-10m}
workers=${2:-1}
shift $(( $# < 2 ? $# : 2 ))
VIGIL_GO=${VIGIL_GO:-$("$root/scripts/ensure-go.sh")}
export VIGIL_GO
cd "$root/frontend"
GOTOOLCHAIN=local GOFLAGS= nice -n 10 "$VIGIL_GO" test -run '^$' -fuzz '^FuzzFrontend$' \
    -fuzztime "$duration" -parallel "$workers" "$@" . 2>&1 | tee "$root/artifacts/fuzz-frontend.log" | grep -vE '^\s*$' | tail -n 6
