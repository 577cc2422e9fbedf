#!/bin/sh
# Time and memory to build CFGs and the call graph, against load time.
# Usage: bench/flow/run.sh [--tests] [PATTERN...]   (default: std; run from the module for ./... patterns;
#        --tests also loads _test.go files and test variants)
# Needs Go (VIGIL_GO or go on PATH). Exit status 1 if any CFG fails the sanity check.
set -e
here=$(cd "$(dirname "$0")" && pwd)
dotnet build "$here/FlowBench.csproj" -c Release -v quiet -nologo >/dev/null
exec dotnet "$here/bin/Release/net10.0/FlowBench.dll" "$@"
