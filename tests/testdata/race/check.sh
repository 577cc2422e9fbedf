#!/bin/sh
# Runs the race check on one theme of the testdata suite (for development): ./check.sh capture
cd "$(dirname "$0")/.." || exit 2
export VIGIL_GO="${VIGIL_GO:-/usr/lib/go-1.23/bin/go}" VIGIL_CACHE="${VIGIL_CACHE:-/tmp/vigil-cache-race}"
dotnet ../../src/Vigil.Cli/bin/Debug/net10.0/vigil.dll check --checks race "./race/$1/..."
