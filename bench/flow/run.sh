#!/bin/sh
# Time and memory to build CFGs and the call graph, against load time.
# Usage: bench/flow/run.sh [--tests] [PATTERN...]   (default: std; run from the module for ./... patterns;
#        --tests also loads _test.go files and test variants)
# Needs Go (VIGIL_GO or go on PATH). Exit status 1 if any CFG fails the sanity check.
# Published ReadyToRun, like ./vigil, so the first run measures what users run.
set -e
here=$(cd "$(dirname "$0")" && pwd)
out="$here/bin/r2r"
dotnet publish "$here/FlowBench.csproj" -c Release -o "$out" -v quiet -nologo \
    --use-current-runtime --self-contained false -p:PublishReadyToRun=true >/dev/null
exec dotnet "$out/FlowBench.dll" "$@"
