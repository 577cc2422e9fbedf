#!/usr/bin/env bash
# Picks N findings at random (fixed seed: the same sample for the same output)
# from a `vigil check` text output, each with its trace.
# usage: bench/nil/sample.sh OUTPUT.txt [N=30] [SEED=20261122] [CHECK=nil]
# (bench/race/std-sample.md draws its race findings with CHECK=race)
set -euo pipefail
out=$1; n=${2:-30}; seed=${3:-20261122}; check=${4:-nil}
awk -v n="$n" -v seed="$seed" -v tag="(vigil-$check)" '
  /^[^\t]/ && substr($0, length($0) - length(tag) + 1) == tag { if (cur != "") blocks[++k] = cur; cur = $0; next }
  /^\t/ { cur = cur "\n" $0; next }
  END {
    if (cur != "") blocks[++k] = cur
    srand(seed)
    for (i = 1; i <= k; i++) idx[i] = i
    for (i = k; i > 1; i--) { j = int(rand() * i) + 1; t = idx[i]; idx[i] = idx[j]; idx[j] = t }
    m = (n < k) ? n : k
    # print in output (position) order for readability: insertion sort of the chosen indexes
    for (i = 1; i <= m; i++) { v = idx[i]; j = i - 1; while (j >= 1 && sel[j] > v) { sel[j+1] = sel[j]; j-- } sel[j+1] = v }
    for (i = 1; i <= m; i++) { printf "### %d\n%s\n\n", i, blocks[sel[i]] }
    printf "(%d of %d findings)\n", m, k > "/dev/stderr"
  }' "$out"
