#!/usr/bin/env bash
# Fuzzes the C# stream decoder (issue 15, item 9) longer than CI does: the
# property test StreamCorruptionTests (real front-end streams of Vigil's
# testdata, truncated, with bytes flipped, inserted, deleted or overwritten by
# large varints) with many cases and a fresh seed per round, until DURATION
# seconds have passed. Any failure prints the mutation that replays it
# (VIGIL_FUZZ_SEED=... plus FsCheck's shrunk case).
#
#   bench/fuzz/decoder.sh [DURATION_S=1800] [CASES_PER_ROUND=5000]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
duration=${1:-1800}; cases=${2:-5000}
export VIGIL_GO=${VIGIL_GO:-$("$root/scripts/ensure-go.sh")}
dotnet build "$root/tests/Vigil.Tests" -v quiet -nologo >/dev/null
end=$(( $(date +%s) + duration )); rounds=0; total=0
while [ "$(date +%s)" -lt "$end" ]; do
  seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
  if ! VIGIL_FUZZ_CASES=$cases VIGIL_FUZZ_SEED=$seed dotnet test "$root/tests/Vigil.Tests" --no-build \
      --filter "FullyQualifiedName~StreamCorruptionTests" >/tmp/vigil-fuzz-decoder.log 2>&1; then
    echo "FAILED with VIGIL_FUZZ_SEED=$seed (log: /tmp/vigil-fuzz-decoder.log)"; grep -E "Falsifiable|Original|Shrunk|Exception" /tmp/vigil-fuzz-decoder.log | head -20
    exit 1
  fi
  rounds=$((rounds + 1)); total=$((total + cases))
done
echo "decoder fuzz: $total mutated streams in $rounds rounds, no crash, hang or runaway allocation"
