#!/usr/bin/env bash
# Benchmark of vigil-nil on the standard library: wall time and peak memory of
# loading alone (--checks none) and of loading + nil (--checks nil), the share
# the nil analysis adds beyond loading, the number of findings, and a
# determinism check (two nil runs must print identical output).
# Library code only (--tests=false, the figure issue 12's cost target is about);
# TESTS=true measures with the test files and test packages too.
#
# usage: [TESTS=true] bench/nil/run.sh [PATTERN=std]
# needs: a Release build of the CLI (dotnet build src/Vigil.Cli -c Release), GNU time
# (/usr/bin/time), VIGIL_GO if go is not on PATH. VIGIL_STATS=1 also prints where the
# nil inference spent its time (in $BENCH_OUT/nil1.err).
set -euo pipefail
pattern=${1:-std}
root=$(cd "$(dirname "$0")/../.." && pwd)
cli="$root/src/Vigil.Cli/bin/Release/net10.0/vigil.dll"
tests=${TESTS:-false}
out=${BENCH_OUT:-/tmp/vigil-bench-nil}
mkdir -p "$out"

measure() { # name, args...
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$out/$name.time" dotnet "$cli" check --cache=false --tests="$tests" "$@" "$pattern" > "$out/$name.txt" 2> "$out/$name.err" || true
  # GNU time prepends "Command exited with non-zero status N" when vigil exits 1 (findings) or 2.
  read -r secs kb usr sys < <(tail -1 "$out/$name.time")
  echo "$name: ${secs}s wall, $(echo "$usr + $sys" | bc)s CPU, peak $((kb / 1024)) MiB"
}
cpu() { # name -> user+sys seconds
  local secs kb usr sys; read -r secs kb usr sys < <(tail -1 "$out/$1.time"); echo "$usr + $sys" | bc
}

# Warm the front-end cache and the OS file cache first, so the runs compare like with like;
# the result cache is off in every measured run (it would serve the second run).
dotnet "$cli" check --tests="$tests" --checks none "$pattern" > /dev/null 2>&1 || true
echo "vigil check --tests=$tests $pattern, result cache off"

# Two runs of each; the minimum is the figure (the machine may be shared), and the
# two nil runs must print identical output.
measure load1 --checks none
measure nil1 --checks nil
measure load2 --checks none
measure nil2 --checks nil

figure() { # name1 name2 -> "secs kb" of the faster run
  local a b; a=$(tail -1 "$out/$1.time" | cut -d' ' -f1,2); b=$(tail -1 "$out/$2.time" | cut -d' ' -f1,2)
  if (( $(echo "${a% *} <= ${b% *}" | bc) )); then echo "$a"; else echo "$b"; fi
}
least() { if (( $(echo "$1 <= $2" | bc) )); then echo "$1"; else echo "$2"; fi; }
read -r lsecs lkb < <(figure load1 load2)
read -r nsecs nkb < <(figure nil1 nil2)
echo "load (best of 2): ${lsecs}s, peak $((lkb / 1024)) MiB"
echo "load + nil (best of 2): ${nsecs}s, peak $((nkb / 1024)) MiB"
echo "nil analysis beyond loading: $(echo "$nsecs - $lsecs" | bc) s ($(echo "scale=0; 100 * ($nsecs - $lsecs) / $lsecs" | bc)% of load time)"
# CPU time (user + sys, all threads) is less disturbed than wall time on a shared machine.
lcpu=$(least "$(cpu load1)" "$(cpu load2)"); ncpu=$(least "$(cpu nil1)" "$(cpu nil2)")
echo "CPU (best of 2): load ${lcpu}s, load + nil ${ncpu}s: nil $(echo "$ncpu - $lcpu" | bc) s ($(echo "scale=0; 100 * ($ncpu - $lcpu) / $lcpu" | bc)% of the load's CPU time)"
echo "findings: $(grep -c 'nil panic' "$out/nil1.txt")"
if cmp -s "$out/nil1.txt" "$out/nil2.txt"; then echo "deterministic: yes (two runs identical)"; else echo "deterministic: NO (outputs differ)"; fi
