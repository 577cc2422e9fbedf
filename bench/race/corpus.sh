#!/usr/bin/env bash
# Replaced by the shared real-code corpus bench, bench/corpus/run.sh (every
# check on 60+ Debian-packaged Go libraries); kept so old notes still run.
# usage: bench/race/corpus.sh [PROJECT...]   (same arguments and variables as run.sh)
exec "$(dirname "$0")/../corpus/run.sh" "$@"
